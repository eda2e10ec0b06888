package dev.agentingress.emulator.agentingress;

import static dev.agentingress.emulator.support.NgrokErrorAssert.assertThatNgrokError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import dev.agentingress.emulator.support.ApiIntegrationTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * {@code GET /agent_ingresses} over HTTP, the wire contract: the JSON, {@code next_page_uri} and its
 * {@code before_id}/{@code limit}/{@code filter}, the default limit, and the strict query-string errors (spec §4,
 * §9.1.4, §9.3, §9.4.2). What the service decides behind it (order, page boundaries, account scoping, the filter over
 * stored rows, read in batches) is AgentIngressListServiceTests' and AgentIngressFilterServiceTests'.
 */
class AgentIngressListIntegrationTests extends ApiIntegrationTest {

    // A well-formed agent ingress ID (the one in ngrok's docs), owned by nobody here.
    private static final String WELL_FORMED_ID = "agin_32ELHcC7y5A5ZDbW5prn13UplVf";

    // --- envelope -------------------------------------------------------------------------------------------------

    @Test
    void emptyAccountListsNoIngressesWithAbsoluteUriAndNullNextPage() {
        Response response = api().get("/agent_ingresses");

        response.then().statusCode(200).contentType("application/json");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("ingresses", List.of());
        expected.put("uri", collectionUrl());
        expected.put("next_page_uri", null);
        assertThat(response.as(Map.class)).isEqualTo(expected);
    }

    @Test
    void emptyListBodyIsExactlyNgroksJsonWithKeysInAlphabeticalOrder() {
        String body = api().get("/agent_ingresses").then().statusCode(200).extract().asString();

        assertThat(body).isEqualTo("{\"ingresses\":[],\"next_page_uri\":null,\"uri\":\"" + collectionUrl() + "\"}");
    }

    @Test
    void listedItemKeysAreInAlphabeticalOrder() {
        createIngress(token, Map.of("domain", uniqueDomain(), "description", "d", "metadata", "m"));

        String body = api().get("/agent_ingresses").then().statusCode(200).extract().asString();

        List<String> keys = List.of("certificate_management_policy", "certificate_management_status", "created_at",
                "description", "domain", "id", "metadata", "ns_targets", "region_domains", "uri");
        int previous = -1;
        for (String key : keys) {
            int position = body.indexOf("\"" + key + "\":", previous + 1);
            assertThat(position).as(key).isGreaterThan(previous);
            previous = position;
        }
    }

    @Test
    void listUriAndNextPageUriUseTheHostTheRequestCameInOn() {
        createMany(2);

        JsonPath page = api().baseUri("http://127.0.0.1").queryParam("limit", 1).get("/agent_ingresses")
                .then().statusCode(200).extract().jsonPath();

        assertThat(page.getString("uri")).isEqualTo("http://127.0.0.1:" + port + "/agent_ingresses");
        assertThat(page.getString("next_page_uri"))
                .startsWith("http://127.0.0.1:" + port + "/agent_ingresses?before_id=");
    }

    @Test
    void listedItemsAreTheSameObjectsThatGetReturns() {
        String id = createIngress(token, Map.of("domain", uniqueDomain(), "description", "d", "metadata", "m"));

        Map<?, ?> fromGet = api().get("/agent_ingresses/" + id).then().statusCode(200).extract().as(Map.class);
        List<Map<String, Object>> listed = api().get("/agent_ingresses").then().statusCode(200)
                .extract().jsonPath().getList("ingresses");

        assertThat(listed).containsExactly(castMap(fromGet));
    }

    // --- paging ---------------------------------------------------------------------------------------------------

    @Test
    void walkingNextPageUrisVisitsEveryIngressExactlyOnceNewestFirst() {
        List<String> created = createMany(7);

        List<JsonPath> pages = walk(api().queryParam("limit", 3).get("/agent_ingresses"));

        assertThat(pages).extracting(page -> idsOf(page).size()).containsExactly(3, 3, 1);
        List<String> visited = pages.stream().flatMap(page -> idsOf(page).stream()).toList();
        List<String> expected = new ArrayList<>(created);
        Collections.reverse(expected);
        assertThat(visited).containsExactlyElementsOf(expected).doesNotHaveDuplicates();
        assertThat(pages.get(2).getString("next_page_uri")).isNull();
    }

    @Test
    void nextPageUriIsAbsoluteWithBeforeIdOfTheLastItemAndTheLimit() {
        createMany(7);

        JsonPath first = api().queryParam("limit", 3).get("/agent_ingresses").then().statusCode(200)
                .extract().jsonPath();
        List<String> firstIds = idsOf(first);
        assertThat(first.getString("next_page_uri"))
                .isEqualTo(collectionUrl() + "?before_id=" + firstIds.get(2) + "&limit=3");
        assertThat(first.getString("uri")).isEqualTo(collectionUrl());

        JsonPath second = getVerbatim(first.getString("next_page_uri"));
        List<String> secondIds = idsOf(second);
        assertThat(second.getString("next_page_uri"))
                .isEqualTo(collectionUrl() + "?before_id=" + secondIds.get(2) + "&limit=3");
        assertThat(second.getString("uri")).isEqualTo(collectionUrl());
    }

    @Test
    void defaultLimitIs100WithANextPageForTheRest() {
        List<String> created = createMany(101);

        JsonPath first = api().get("/agent_ingresses").then().statusCode(200).extract().jsonPath();
        List<String> firstIds = idsOf(first);
        assertThat(firstIds).hasSize(100);
        assertThat(first.getString("next_page_uri"))
                .isEqualTo(collectionUrl() + "?before_id=" + firstIds.get(99) + "&limit=100");

        JsonPath second = getVerbatim(first.getString("next_page_uri"));
        assertThat(idsOf(second)).containsExactly(created.get(0));
        assertThat(second.getString("next_page_uri")).isNull();
    }

    @Test
    void limit100IsAccepted() {
        createMany(2);

        api().queryParam("limit", 100).get("/agent_ingresses").then().statusCode(200)
                .body("ingresses.size()", equalTo(2));
    }

    @Test
    void beforeIdWithLimitCarriesTheLimitIntoNextPageUri() {
        List<String> created = createMany(5);

        JsonPath page = api().queryParam("before_id", created.get(4)).queryParam("limit", 2).get("/agent_ingresses")
                .then().statusCode(200).extract().jsonPath();

        assertThat(idsOf(page)).containsExactly(created.get(3), created.get(2));
        assertThat(page.getString("next_page_uri"))
                .isEqualTo(collectionUrl() + "?before_id=" + created.get(2) + "&limit=2");
    }

    @Test
    void listResponseCarriesAnOperationIdHeader() {
        api().get("/agent_ingresses").then().statusCode(200)
                .header("Ngrok-Operation-Id", org.hamcrest.Matchers.matchesPattern("op_[0-9A-Za-z]{27}"));
    }

    // --- query errors ---------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "-1", "99999999999999999999"})
    void limitOutOfRangeIsErr233(String limit) {
        Response response = api().queryParam("limit", limit).get("/agent_ingresses");

        assertThatNgrokError(response).isNgrokEnvelope().hasStatus(400).hasCode("ERR_NGROK_233")
                .hasMessageContaining(limit);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1.5", ""})
    void limitThatIsNotANumberIsErr244(String limit) {
        Response response = api().urlEncodingEnabled(false).get("/agent_ingresses?limit=" + limit);

        assertThatNgrokError(response).isNgrokEnvelope().hasStatus(400).hasCode("ERR_NGROK_244")
                .hasMessageContaining(limit);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nope", "ak_32ELHcC7y5A5ZDbW5prn13UplVf", "agin_short", "rd_32ELHcC7y5A5ZDbW5prn13UplVf"})
    void malformedBeforeIdIsErr223NamingTheValue(String beforeId) {
        Response response = api().queryParam("before_id", beforeId).get("/agent_ingresses");

        assertThatNgrokError(response).isNgrokEnvelope().hasStatus(400).hasCode("ERR_NGROK_223")
                .hasMessage("'" + beforeId + "' is not a valid resource reference identifier.");
    }

    @Test
    void camelCaseBeforeIdSentByTheTypeScriptClientIsAnUnknownParameterErr231() {
        Response response = api().queryParam("limit", 100).queryParam("beforeId", WELL_FORMED_ID)
                .get("/agent_ingresses");

        assertThatNgrokError(response).isNgrokEnvelope().hasStatus(400).hasCode("ERR_NGROK_231")
                .hasMessageContaining("beforeId");
    }

    @Test
    void repeatedLimitIsErr232() {
        Response response = api().urlEncodingEnabled(false).get("/agent_ingresses?limit=1&limit=2");

        assertThatNgrokError(response).isNgrokEnvelope().hasStatus(400).hasCode("ERR_NGROK_232")
                .hasMessageContaining("limit");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "before_id=agin_32ELHcC7y5A5ZDbW5prn13UplVf&before_id=agin_32ELHcC7y5A5ZDbW5prn13UplVf",
            "filter=obj.domain%20%3D%3D%20%22a.com%22&filter=obj.domain%20%3D%3D%20%22b.com%22"})
    void anyRepeatedParameterIsErr232(String query) {
        Response response = api().urlEncodingEnabled(false).get("/agent_ingresses?" + query);

        assertThatNgrokError(response).isNgrokEnvelope().hasStatus(400).hasCode("ERR_NGROK_232");
    }

    @ParameterizedTest
    @ValueSource(strings = {"LIMIT=5", "page=2", "id=agin_32ELHcC7y5A5ZDbW5prn13UplVf", "foo"})
    void anyUnknownParameterIsErr231(String query) {
        Response response = api().urlEncodingEnabled(false).get("/agent_ingresses?" + query);

        assertThatNgrokError(response).isNgrokEnvelope().hasStatus(400).hasCode("ERR_NGROK_231");
    }

    @Test
    void listErrorsAreJsonInUtf8() {
        // whitespace around ';' is insignificant in a media type (RFC 9110 §8.3.1)
        assertThatNgrokError(api().queryParam("limit", 0).get("/agent_ingresses")).hasStatus(400).isJsonInUtf8();
    }

    // --- filter (its evaluation over stored rows is AgentIngressFilterServiceTests') ------------------------------

    @Test
    void filteredPagingCarriesTheEncodedFilterAndYieldsExactlyTheMatches() {
        // 10 ingresses, oldest first; the odd ones match, so the oldest (#0) is a non-match after the last match.
        List<String> matches = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            boolean match = i % 2 == 1;
            String id = create(match ? "match " + i : "other " + i, match ? "x&y=z" : "plain");
            if (match) {
                matches.add(id);
            }
        }
        Collections.reverse(matches);
        String filter = "obj.description.startsWith(\"match\") && obj.metadata == \"x&y=z\"";

        List<JsonPath> pages = walk(api().queryParam("limit", 2).queryParam("filter", filter)
                .get("/agent_ingresses"));

        assertThat(pages).extracting(page -> idsOf(page).size()).containsExactly(2, 2, 1);
        assertThat(pages.stream().flatMap(page -> idsOf(page).stream()).toList()).containsExactlyElementsOf(matches);
        for (int i = 0; i < 2; i++) {
            String next = pages.get(i).getString("next_page_uri");
            String prefix = collectionUrl() + "?before_id=" + idsOf(pages.get(i)).get(1) + "&limit=2&filter=";
            assertThat(next).startsWith(prefix);
            String encoded = next.substring(prefix.length());
            assertThat(encoded).as("filter must be URL-encoded").doesNotContain(" ", "\"", "&", "=");
            assertThat(URLDecoder.decode(encoded, StandardCharsets.UTF_8)).isEqualTo(filter);
        }
        assertThat(pages.get(2).getString("next_page_uri")).isNull();
    }

    @Test
    void filteredPagingWithNonAsciiFilterRoundTripsThroughNextPageUri() {
        List<String> matches = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            matches.add(create("café " + i, null));
            create("cafe " + i, null);
        }
        Collections.reverse(matches);

        List<JsonPath> pages = walk(api().queryParam("limit", 1)
                .queryParam("filter", "obj.description.startsWith(\"café\")").get("/agent_ingresses"));

        assertThat(pages.stream().flatMap(page -> idsOf(page).stream()).toList()).containsExactlyElementsOf(matches);
    }

    @Test
    void invalidFilterIsRejectedEvenOnAnEmptyAccount() {
        assertThatNgrokError(api().queryParam("filter", "obj.nope == \"x\"").get("/agent_ingresses")).isNgrokEnvelope()
                .hasStatus(400).hasCode("invalid_cel_expression").hasMessageStartingWith("Invalid CEL query: ");
    }

    /** With {@code emulator.public-base-url} set, list URLs are built on it instead of the request's host. */
    @Nested
    @TestPropertySource(properties = "emulator.public-base-url=https://api.emulator.test:8443/")
    class WithPublicBaseUrl {

        @LocalServerPort
        int configuredPort;

        @Test
        void listUriAndNextPageUriAreOnThePublicBaseUrl() {
            String older = createIngress(token, Map.of("domain", uniqueDomain()), configuredPort);
            String newer = createIngress(token, Map.of("domain", uniqueDomain()), configuredPort);

            JsonPath page = api().port(configuredPort).queryParam("limit", 1).get("/agent_ingresses")
                    .then().statusCode(200).extract().jsonPath();

            assertThat(idsOf(page)).containsExactly(newer);
            assertThat(page.getString("uri")).isEqualTo("https://api.emulator.test:8443/agent_ingresses");
            assertThat(page.getString("next_page_uri"))
                    .isEqualTo("https://api.emulator.test:8443/agent_ingresses?before_id=" + newer + "&limit=1");
            assertThat(older).isLessThan(newer);
        }

        private String createIngress(String bearerToken, Map<String, ?> body, int serverPort) {
            return api(bearerToken).port(serverPort).contentType(io.restassured.http.ContentType.JSON).body(body)
                    .post("/agent_ingresses").then().statusCode(201).extract().path("id");
        }
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    private String collectionUrl() {
        return "http://localhost:" + port + "/agent_ingresses";
    }

    /** Creates {@code count} ingresses in order and returns their IDs, oldest first. */
    private List<String> createMany(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(createIngress(uniqueDomain()));
        }
        return ids;
    }

    private String create(String description, String metadata) {
        return createWith(uniqueDomain(), description, metadata);
    }

    private String createWith(String domain, String description, String metadata) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("domain", domain);
        if (description != null) {
            body.put("description", description);
        }
        if (metadata != null) {
            body.put("metadata", metadata);
        }
        return createIngress(token, body);
    }

    private static List<String> idsOf(JsonPath page) {
        return page.getList("ingresses.id", String.class);
    }

    /** Requests an absolute URL exactly as the server wrote it, with the account's headers. */
    private JsonPath getVerbatim(String absoluteUrl) {
        return api().urlEncodingEnabled(false).get(absoluteUrl).then().statusCode(200).extract().jsonPath();
    }

    /** Follows {@code next_page_uri} from a first page until it is null; every page must be non-empty. */
    private List<JsonPath> walk(Response first) {
        List<JsonPath> pages = new ArrayList<>();
        JsonPath page = first.then().statusCode(200).extract().jsonPath();
        pages.add(page);
        while (page.getString("next_page_uri") != null) {
            assertThat(pages).as("too many pages").hasSizeLessThan(200);
            page = getVerbatim(page.getString("next_page_uri"));
            assertThat(idsOf(page)).as("a next_page_uri must never lead to an empty page").isNotEmpty();
            pages.add(page);
        }
        return pages;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
