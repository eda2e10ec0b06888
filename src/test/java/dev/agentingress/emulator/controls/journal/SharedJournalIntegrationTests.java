package dev.agentingress.emulator.controls.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.agentingress.emulator.support.TwoInstances;
import dev.agentingress.emulator.support.Unique;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The journal of two instances on one database (PostgreSQL in the PostgreSQL pass, one H2 database of this JVM
 * otherwise): what is recorded through one is read through the other, in the order the requests were made, within the
 * same per-account bound, and a clear or reset through either empties it for both. Small bounds, as in
 * {@link RequestJournalCapsIntegrationTests}: 20 entries per account.
 */
class SharedJournalIntegrationTests {

    private static final String JOURNAL = "/_emulator/journal";
    private static final String ADMIN_TOKEN = "operator-secret-0123456789";
    private static final String UNKNOWN_ID = "agin_2fmnypjq2RAXIuNjjqzRmI3T7zy";
    private static final int CAP = 20;

    private static TwoInstances two;

    private final String token = Unique.token();

    @BeforeAll
    static void startTwoInstances() {
        two = TwoInstances.start("--emulator.journal.max-entries-per-account=" + CAP,
                "--emulator.admin-token=" + ADMIN_TOKEN);
    }

    @AfterAll
    static void stopThem() {
        two.close();
    }

    @Test
    void requestsAlternatedBetweenInstancesAreListedNewestFirstThroughEither() {
        List<String> sent = new ArrayList<>();
        List<String> operations = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int instance = i % 2;
            Response response = i % 3 == 0 ? two.api(instance, token).get("/agent_ingresses")
                    : i % 3 == 1 ? two.api(instance, token).get("/agent_ingresses/" + UNKNOWN_ID)
                            : two.api(instance, token).contentType(ContentType.JSON)
                                    .body(Map.of("domain", Unique.domain("journal"))).post("/agent_ingresses");
            sent.add(response.header("Ngrok-Operation-Id"));
            operations
                    .add(i % 3 == 0 ? "AgentIngressesList" : i % 3 == 1 ? "AgentIngressesGet" : "AgentIngressesCreate");
        }
        Collections.reverse(sent);
        Collections.reverse(operations);

        for (int instance = 0; instance < 2; instance++) {
            JsonPath journal = journal(instance, token);
            assertThat(journal.getList("requests.operation_id", String.class)).containsExactlyElementsOf(sent);
            assertThat(journal.getList("requests.operation", String.class)).containsExactlyElementsOf(operations);
        }
    }

    @Test
    void anEntryReadThroughTheOtherInstanceHoldsWhatTheFirstSawAndAnswered() {
        String body = "{\"domain\":\"" + Unique.domain("journal") + "\",\"description\":\"recorded\"}";
        Response created = two.api(0, token).header("X-Test", "one").contentType(ContentType.JSON).body(body)
                .post("/agent_ingresses");
        created.then().statusCode(201);

        Map<String, Object> entry = journal(1, token).getMap("requests[0]");

        assertThat(entry).containsEntry("operation_id", created.header("Ngrok-Operation-Id"))
                .containsEntry("operation", "AgentIngressesCreate")
                .containsEntry("method", "POST")
                .containsEntry("path", "/agent_ingresses")
                .containsEntry("query", null)
                .containsEntry("status", 201)
                .containsEntry("request_body", body)
                .containsEntry("response_body", created.asString())
                .containsEntry("request_body_truncated", false)
                .containsEntry("response_body_truncated", false)
                .containsEntry("request_headers_truncated", false);
        @SuppressWarnings("unchecked")
        Map<String, List<String>> headers = (Map<String, List<String>>) entry.get("request_headers");
        assertThat(headers).containsEntry("Authorization", List.of("Bearer ***"))
                .containsEntry("X-Test", List.of("one"));
        assertThat(journal(1, token).prettify()).doesNotContain(token);
    }

    /** PostgreSQL's text cannot hold NUL: the entry keeps the rest, on both databases alike, and so do the others. */
    @Test
    void aBodyWithANulCharacterIsRecordedWithAReplacementCharacter() {
        two.api(0, token).contentType(ContentType.JSON).body("{\"description\":\"a\u0000b\"}")
                .patch("/agent_ingresses/" + UNKNOWN_ID).then().statusCode(400);
        two.api(1, token).get("/agent_ingresses").then().statusCode(200);

        JsonPath journal = journal(0, token);
        assertThat(journal.getList("requests.status", Integer.class)).containsExactly(200, 400);
        assertThat(journal.getString("requests[1].request_body")).isEqualTo("{\"description\":\"a\uFFFDb\"}");
    }

    @Test
    void filtersReadThroughTheOtherInstanceAsThroughTheFirst() {
        two.api(0, token).get("/agent_ingresses/" + UNKNOWN_ID).then().statusCode(404);
        two.api(1, token).get("/agent_ingresses").then().statusCode(200);
        two.api(0, token).queryParam("unknown", 1).get("/agent_ingresses").then().statusCode(400);
        String newest = two.api(1, token).get("/agent_ingresses").header("Ngrok-Operation-Id");

        for (int instance = 0; instance < 2; instance++) {
            assertThat(journal(instance, token, "status", "4xx").getList("requests.status", Integer.class))
                    .containsExactly(400, 404);
            assertThat(journal(instance, token, "path", "/agent_ingresses/agin_").getList("requests.status",
                    Integer.class)).containsExactly(404);
            assertThat(journal(instance, token, "limit", "1").getList("requests.operation_id", String.class))
                    .containsExactly(newest);
        }
    }

    @Test
    void afterTenTimesTheCapInAlternatedRequestsExactlyTheNewestCapRemain() {
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 10 * CAP; i++) {
            sent.add(two.api(i % 2, token).get("/agent_ingresses").then().statusCode(200).extract()
                    .header("Ngrok-Operation-Id"));
        }

        List<String> newestFirst = new ArrayList<>(sent.subList(9 * CAP, 10 * CAP));
        Collections.reverse(newestFirst);
        for (int instance = 0; instance < 2; instance++) {
            assertThat(journal(instance, token).getList("requests.operation_id", String.class))
                    .containsExactlyElementsOf(newestFirst);
        }
    }

    /** Both instances writing at once: their writers take turns, and the bound still holds exactly. */
    @Test
    void requestsThroughBothInstancesAtOnceStayWithinTheCap() throws Exception {
        int perInstance = 3 * CAP;
        List<String> sent = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int client = 0; client < 4; client++) {
                int instance = client % 2;
                done.add(clients.submit(() -> {
                    start.await();
                    for (int i = 0; i < perInstance / 2; i++) {
                        sent.add(two.api(instance, token).get("/agent_ingresses").then().statusCode(200).extract()
                                .header("Ngrok-Operation-Id"));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> client : done) {
                client.get(120, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }

        List<String> kept0 = journal(0, token).getList("requests.operation_id", String.class);
        List<String> kept1 = journal(1, token).getList("requests.operation_id", String.class);
        assertThat(sent).hasSize(2 * perInstance);
        assertThat(kept0).hasSize(CAP).doesNotHaveDuplicates().isSubsetOf(sent).isEqualTo(kept1);
        // the last request each client made is among the newest: nothing newer was dropped for something older
        two.api(0, token).get("/agent_ingresses").then().statusCode(200);
        assertThat(journal(1, token).getList("requests.operation_id", String.class)).hasSize(CAP)
                .containsAll(kept0.subList(0, CAP - 1));
    }

    @Test
    void clearingThroughOneInstanceEmptiesTheJournalForBoth() {
        two.api(0, token).get("/agent_ingresses").then().statusCode(200);
        two.api(1, token).get("/agent_ingresses").then().statusCode(200);

        two.authorized(1, token).delete(JOURNAL).then().statusCode(204);

        assertThat(journal(0, token).getList("requests")).isEmpty();
        assertThat(journal(1, token).getList("requests")).isEmpty();
        two.api(0, token).get("/agent_ingresses/" + UNKNOWN_ID).then().statusCode(404);
        assertThat(journal(1, token).getList("requests.status", Integer.class)).containsExactly(404);
    }

    @Test
    void anAccountsResetThroughOneInstanceCountsAndClearsWhatBothRecorded() {
        String other = Unique.token();
        two.api(0, token).get("/agent_ingresses").then().statusCode(200);
        two.api(1, token).get("/agent_ingresses").then().statusCode(200);
        two.api(0, other).get("/agent_ingresses").then().statusCode(200);

        int removed = two.authorized(1, token).post("/_emulator/reset").then().statusCode(200).extract()
                .path("journal_entries");

        assertThat(removed).isEqualTo(2);
        assertThat(journal(0, token).getList("requests")).isEmpty();
        assertThat(journal(1, token).getList("requests")).isEmpty();
        assertThat(journal(1, other).getList("requests")).hasSize(1);
    }

    @Test
    void theOperatorsResetThroughOneInstanceClearsEveryJournalForBoth() {
        String other = Unique.token();
        two.api(0, token).get("/agent_ingresses").then().statusCode(200);
        two.api(1, other).get("/agent_ingresses").then().statusCode(200);

        int removed = two.authorized(0, ADMIN_TOKEN).post("/_emulator/admin/reset").then().statusCode(200).extract()
                .path("journal_entries");

        // every account together: the other tests of this class may have left entries too
        assertThat(removed).isGreaterThanOrEqualTo(2);
        for (int instance = 0; instance < 2; instance++) {
            assertThat(journal(instance, token).getList("requests")).isEmpty();
            assertThat(journal(instance, other).getList("requests")).isEmpty();
        }
    }

    private static JsonPath journal(int instance, String token, String... filters) {
        var request = two.authorized(instance, token);
        for (int i = 0; i < filters.length; i += 2) {
            request.queryParam(filters[i], filters[i + 1]);
        }
        return request.get(JOURNAL).then().statusCode(200).extract().jsonPath();
    }
}
