package dev.agentingress.emulator.controls.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.agentingress.emulator.support.ApiIntegrationTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * {@code /_emulator/journal}, black-box: what each request to ngrok's API leaves there, and the journal's own rules.
 */
class RequestJournalIntegrationTests extends ApiIntegrationTest {

    private static final String JOURNAL = "/_emulator/journal";
    /** A well-formed ID that no account owns. */
    private static final String UNKNOWN_ID = "agin_2fmnypjq2RAXIuNjjqzRmI3T7zy";

    @Test
    void requestsAreListedNewestFirst() {
        String id = createIngress(uniqueDomain());
        api().get("/agent_ingresses/" + id).then().statusCode(200);
        api().get("/agent_ingresses").then().statusCode(200);

        assertThat(journal().getList("requests.operation", String.class))
                .containsExactly("AgentIngressesList", "AgentIngressesGet", "AgentIngressesCreate");
    }

    @Test
    void anEntryHoldsTheRequestItsAnswerAndItsTiming() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Response created = apiJson(Map.of("domain", uniqueDomain())).post("/agent_ingresses");
        Instant after = Instant.now();

        Map<String, Object> entry = journal().getMap("requests[0]");
        assertThat(entry).containsOnlyKeys("timestamp", "operation_id", "operation", "method", "path", "query",
                "status", "duration_ms", "request_headers", "request_headers_truncated", "request_body",
                "request_body_truncated", "response_body", "response_body_truncated");
        assertThat(entry).containsEntry("operation_id", created.header("Ngrok-Operation-Id"))
                .containsEntry("operation", "AgentIngressesCreate")
                .containsEntry("method", "POST")
                .containsEntry("path", "/agent_ingresses")
                .containsEntry("query", null)
                .containsEntry("status", 201);
        assertThat(Instant.parse((String) entry.get("timestamp"))).isBetween(before, after);
        assertThat((Integer) entry.get("duration_ms")).isBetween(0, 10_000);
    }

    @Test
    void theQueryStringIsRecordedAsSent() {
        api().queryParam("limit", 5).get("/agent_ingresses").then().statusCode(200);

        assertThat(journal().getString("requests[0].query")).isEqualTo("limit=5");
    }

    @Test
    void requestHeadersAreRecordedWithAuthorizationReducedToItsScheme() {
        api().header("X-Test", "one").get("/agent_ingresses").then().statusCode(200);

        Map<String, List<String>> headers = journal().getMap("requests[0].request_headers");
        assertThat(headers).containsEntry("Authorization", List.of("Bearer ***"))
                .containsEntry("Ngrok-Version", List.of("2"))
                .containsEntry("X-Test", List.of("one"));
    }

    @Test
    void theAuthorizationSecretAppearsNowhereInTheJournal() {
        String id = createIngress(uniqueDomain());
        api().get("/agent_ingresses/" + id).then().statusCode(200);
        anonymous().header("Authorization", "Bearer " + token).get("/agent_ingresses").then().statusCode(400);

        String journal = control().get(JOURNAL).then().statusCode(200).extract().asString();

        assertThat(journal).contains("Bearer ***").doesNotContain(token);
    }

    @Test
    void requestAndResponseBodiesAreRecordedAsText() {
        String body = "{\"domain\":\"" + uniqueDomain() + "\",\"description\":\"recorded\"}";
        String answer = api().contentType(ContentType.JSON).body(body).post("/agent_ingresses")
                .then().statusCode(201).extract().asString();

        JsonPath journal = journal();
        assertThat(journal.getString("requests[0].request_body")).isEqualTo(body);
        assertThat(journal.getString("requests[0].response_body")).isEqualTo(answer);
        assertThat(journal.getBoolean("requests[0].request_body_truncated")).isFalse();
        assertThat(journal.getBoolean("requests[0].response_body_truncated")).isFalse();
    }

    @Test
    void aRefusalAfterAuthenticationIsRecordedWithItsStatusAndEnvelope() {
        Response refused = anonymous().header("Authorization", "Bearer " + token).get("/agent_ingresses");
        refused.then().statusCode(400);

        JsonPath journal = journal();
        assertThat(journal.getInt("requests[0].status")).isEqualTo(400);
        assertThat(journal.getString("requests[0].operation")).isEqualTo("AgentIngressesList");
        assertThat(journal.getString("requests[0].response_body")).isEqualTo(refused.asString())
                .contains("ERR_NGROK_218");
    }

    @Test
    void theBodyOfARequestRefusedBeforeReadingItIsStillRecorded() {
        String body = "{\"domain\":\"" + uniqueDomain() + "\"}";
        anonymous().header("Authorization", "Bearer " + token).contentType(ContentType.JSON).body(body)
                .post("/agent_ingresses").then().statusCode(400);

        assertThat(journal().getString("requests[0].request_body")).isEqualTo(body);
    }

    @Test
    void theJournalsOwnControlsAreNotRecorded() {
        control().get(JOURNAL).then().statusCode(200);
        control().delete(JOURNAL).then().statusCode(204);

        assertThat(journal().getList("requests")).isEmpty();
    }

    @Test
    void filterByOperationIdFindsThatRequest() {
        String first = api().get("/agent_ingresses").header("Ngrok-Operation-Id");
        api().get("/agent_ingresses").then().statusCode(200);

        JsonPath journal = journal("operation_id", first);

        assertThat(journal.getList("requests.operation_id", String.class)).containsExactly(first);
    }

    /** No stored ID or name holds a NUL, and PostgreSQL cannot even compare its text with one: nothing, not a 500. */
    @Test
    void filtersWithANulCharacterFindNothing() {
        api().get("/agent_ingresses").then().statusCode(200);

        assertThat(journal("operation_id", "op_\u0000x").getList("requests")).isEmpty();
        assertThat(journal("operation", "AgentIngresses\u0000List").getList("requests")).isEmpty();
    }

    @Test
    void filterByStatusCodeKeepsThatCode() {
        api().get("/agent_ingresses").then().statusCode(200);
        api().get("/agent_ingresses/" + UNKNOWN_ID).then().statusCode(404);
        api().queryParam("unknown", 1).get("/agent_ingresses").then().statusCode(400);

        assertThat(journal("status", "404").getList("requests.status", Integer.class)).containsExactly(404);
    }

    @Test
    void filterByStatusClassKeepsTheWholeClass() {
        api().get("/agent_ingresses/" + UNKNOWN_ID).then().statusCode(404);
        api().get("/agent_ingresses").then().statusCode(200);
        api().queryParam("unknown", 1).get("/agent_ingresses").then().statusCode(400);

        assertThat(journal("status", "4xx").getList("requests.status", Integer.class)).containsExactly(400, 404);
    }

    @Test
    void filterByPathKeepsPathsThatStartWithIt() {
        api().get("/agent_ingresses").then().statusCode(200);
        api().get("/agent_ingresses/" + UNKNOWN_ID).then().statusCode(404);

        assertThat(journal("path", "/agent_ingresses/agin_").getList("requests.path", String.class))
                .containsExactly("/agent_ingresses/" + UNKNOWN_ID);
    }

    @Test
    void filterByOperationKeepsThatOperation() {
        String id = createIngress(uniqueDomain());
        api().get("/agent_ingresses/" + id).then().statusCode(200);
        api().get("/agent_ingresses").then().statusCode(200);

        assertThat(journal("operation", "AgentIngressesGet").getList("requests.path", String.class))
                .containsExactly("/agent_ingresses/" + id);
    }

    @Test
    void limitKeepsTheNewestMatches() {
        api().get("/agent_ingresses").then().statusCode(200);
        String middle = api().get("/agent_ingresses").header("Ngrok-Operation-Id");
        String newest = api().get("/agent_ingresses").header("Ngrok-Operation-Id");

        assertThat(journal("limit", "2").getList("requests.operation_id", String.class))
                .containsExactly(newest, middle);
    }

    @Test
    void aStatusFilterThatIsNeitherCodeNorClassIs400() {
        control().queryParam("status", "40x").get(JOURNAL)
                .then().statusCode(400)
                .body("status_code", equalTo(400))
                .body("msg", equalTo("The status filter must be a status code such as 404 or a class such as 4xx, "
                        + "but '40x' was provided."));
    }

    @Test
    void anUnknownFilterIsErr231() {
        control().queryParam("method", "GET").get(JOURNAL)
                .then().statusCode(400)
                .body("error_code", equalTo("ERR_NGROK_231"));
    }

    @Test
    void anotherAccountsRequestsAreInvisible() {
        String other = newToken();
        api(other).get("/agent_ingresses").then().statusCode(200);

        assertThat(journal().getList("requests")).isEmpty();
        assertThat(control(other).get(JOURNAL).jsonPath().getList("requests")).hasSize(1);
    }

    @Test
    void clearEmptiesOnlyTheCallersJournal() {
        String other = newToken();
        api().get("/agent_ingresses").then().statusCode(200);
        api(other).get("/agent_ingresses").then().statusCode(200);

        control().delete(JOURNAL).then().statusCode(204).body(equalTo(""));

        assertThat(journal().getList("requests")).isEmpty();
        assertThat(control(other).get(JOURNAL).jsonPath().getList("requests")).hasSize(1);
    }

    @Test
    void requestsAfterAClearAreRecordedAgain() {
        api().get("/agent_ingresses").then().statusCode(200);
        control().delete(JOURNAL).then().statusCode(204);

        api().get("/agent_ingresses/" + UNKNOWN_ID).then().statusCode(404);

        assertThat(journal().getList("requests.status", Integer.class)).containsExactly(404);
    }

    @Test
    void theJournalNeedsNoNgrokVersion() {
        control().get(JOURNAL).then().statusCode(200).body("requests", equalTo(List.of()));
    }

    @Test
    void theJournalWithoutAKeyIs403Err200() {
        anonymous().get(JOURNAL)
                .then().statusCode(403)
                .body("error_code", equalTo("ERR_NGROK_200"));
    }

    /** A control request: the caller's key, none of ngrok's other headers. */
    private RequestSpecification control() {
        return control(token);
    }

    private RequestSpecification control(String bearerToken) {
        return anonymous().header("Authorization", "Bearer " + bearerToken);
    }

    private JsonPath journal(String... filters) {
        RequestSpecification request = control();
        for (int i = 0; i < filters.length; i += 2) {
            request.queryParam(filters[i], filters[i + 1]);
        }
        return request.get(JOURNAL).then().statusCode(200).extract().jsonPath();
    }
}
