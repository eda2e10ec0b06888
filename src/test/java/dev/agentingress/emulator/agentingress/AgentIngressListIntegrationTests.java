package dev.agentingress.emulator.agentingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
 * {@code GET /agent_ingresses} over HTTP: order, paging by {@code before_id}/{@code limit} and {@code next_page_uri},
 * the strict query-string errors, account isolation and the CEL {@code filter} (spec §4, §9.1.4, §9.3, §9.4.2).
 */
class AgentIngressListIntegrationTests extends ApiIntegrationTest {

    // A well-formed agent ingress ID (the one in ngrok's docs), owned by nobody here.
    private static final String WELL_FORMED_ID = "agin_32ELHcC7y5A5ZDbW5prn13UplVf";
    // The largest well-formed KSUID: every real ID sorts below it.
    private static final String HIGHEST_ID = "agin_aWgEPTl1tmebfsQzFP4bxwgy80V";

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

    // --- order ----------------------------------------------------------------------------------------------------

    @Test
    void listIsNewestFirstInCreationOrderEvenWithinOneSecond() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            created.add(createIngress(uniqueDomain()));
        }

        List<String> listed = idsOf(api().get("/agent_ingresses").then().statusCode(200).extract().jsonPath());

        List<String> expected = new ArrayList<>(created);
        Collections.reverse(expected);
        assertThat(listed).containsExactlyElementsOf(expected);
        assertStrictlyDescending(listed);
    }

    @Test
    void idsCreatedInSequenceAreStrictlyIncreasing() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            created.add(createIngress(uniqueDomain()));
        }

        for (int i = 1; i < created.size(); i++) {
            assertThat(created.get(i)).as("id #%d vs #%d", i, i - 1).isGreaterThan(created.get(i - 1));
        }
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
    void noNextPageWhenExactlyLimitItemsRemain() {
        createMany(3);

        JsonPath page = api().queryParam("limit", 3).get("/agent_ingresses").then().statusCode(200)
                .extract().jsonPath();

        assertThat(idsOf(page)).hasSize(3);
        assertThat(page.getString("next_page_uri")).isNull();
    }

    @Test
    void noNextPageWhenTheRemainderExactlyFillsTheLastPage() {
        createMany(6);

        List<JsonPath> pages = walk(api().queryParam("limit", 3).get("/agent_ingresses"));

        assertThat(pages).extracting(page -> idsOf(page).size()).containsExactly(3, 3);
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
    void limit1ReturnsOnlyTheNewest() {
        List<String> created = createMany(2);

        JsonPath page = api().queryParam("limit", 1).get("/agent_ingresses").then().statusCode(200)
                .extract().jsonPath();

        assertThat(idsOf(page)).containsExactly(created.get(1));
        assertThat(page.getString("next_page_uri"))
                .isEqualTo(collectionUrl() + "?before_id=" + created.get(1) + "&limit=1");
    }

    @Test
    void beforeIdReturnsOnlyIdsBelowIt() {
        List<String> created = createMany(5);

        List<String> listed = idsOf(api().queryParam("before_id", created.get(2)).get("/agent_ingresses")
                .then().statusCode(200).extract().jsonPath());

        assertThat(listed).containsExactly(created.get(1), created.get(0));
        assertThat(listed).allSatisfy(id -> assertThat(id).isLessThan(created.get(2)));
    }

    @Test
    void beforeIdOfTheOldestReturnsAnEmptyPage() {
        List<String> created = createMany(3);

        api().queryParam("before_id", created.get(0)).get("/agent_ingresses").then().statusCode(200)
                .body("ingresses.size()", equalTo(0))
                .body("next_page_uri", equalTo(null));
    }

    @Test
    void beforeIdNeedNotExist() {
        List<String> created = createMany(3);

        List<String> listed = idsOf(api().queryParam("before_id", HIGHEST_ID).get("/agent_ingresses")
                .then().statusCode(200).extract().jsonPath());

        assertThat(listed).containsExactly(created.get(2), created.get(1), created.get(0));
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

    @Test
    void nextPageUriStillWorksAfterTheCursorIngressIsDeleted() {
        List<String> created = createMany(4);
        JsonPath first = api().queryParam("limit", 2).get("/agent_ingresses").then().statusCode(200)
                .extract().jsonPath();
        assertThat(idsOf(first)).containsExactly(created.get(3), created.get(2));

        api().delete("/agent_ingresses/" + created.get(2)).then().statusCode(204);
        JsonPath second = getVerbatim(first.getString("next_page_uri"));

        assertThat(idsOf(second)).containsExactly(created.get(1), created.get(0));
        assertThat(second.getString("next_page_uri")).isNull();
    }

    @Test
    void deletedIngressesLeaveTheList() {
        List<String> created = createMany(3);

        api().delete("/agent_ingresses/" + created.get(1)).then().statusCode(204);

        assertThat(idsOf(api().get("/agent_ingresses").then().statusCode(200).extract().jsonPath()))
                .containsExactly(created.get(2), created.get(0));
    }

    // --- query errors ---------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "-1", "99999999999999999999"})
    void limitOutOfRangeIsErr233(String limit) {
        Response response = api().queryParam("limit", limit).get("/agent_ingresses");

        assertNgrokError(response, 400, "ERR_NGROK_233");
        response.then().body("msg", containsString(limit));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1.5", ""})
    void limitThatIsNotANumberIsErr244(String limit) {
        Response response = api().urlEncodingEnabled(false).get("/agent_ingresses?limit=" + limit);

        assertNgrokError(response, 400, "ERR_NGROK_244");
        response.then().body("msg", containsString(limit));
    }

    @ParameterizedTest
    @ValueSource(strings = {"nope", "ak_32ELHcC7y5A5ZDbW5prn13UplVf", "agin_short", "rd_32ELHcC7y5A5ZDbW5prn13UplVf"})
    void malformedBeforeIdIsErr223NamingTheValue(String beforeId) {
        Response response = api().queryParam("before_id", beforeId).get("/agent_ingresses");

        assertNgrokError(response, 400, "ERR_NGROK_223");
        response.then().body("msg", equalTo("'" + beforeId + "' is not a valid resource reference identifier."));
    }

    @Test
    void camelCaseBeforeIdSentByTheTypeScriptClientIsAnUnknownParameterErr231() {
        Response response = api().queryParam("limit", 100).queryParam("beforeId", WELL_FORMED_ID)
                .get("/agent_ingresses");

        assertNgrokError(response, 400, "ERR_NGROK_231");
        response.then().body("msg", containsString("beforeId"));
    }

    @Test
    void repeatedLimitIsErr232() {
        Response response = api().urlEncodingEnabled(false).get("/agent_ingresses?limit=1&limit=2");

        assertNgrokError(response, 400, "ERR_NGROK_232");
        response.then().body("msg", containsString("limit"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "before_id=agin_32ELHcC7y5A5ZDbW5prn13UplVf&before_id=agin_32ELHcC7y5A5ZDbW5prn13UplVf",
            "filter=obj.domain%20%3D%3D%20%22a.com%22&filter=obj.domain%20%3D%3D%20%22b.com%22"})
    void anyRepeatedParameterIsErr232(String query) {
        Response response = api().urlEncodingEnabled(false).get("/agent_ingresses?" + query);

        assertNgrokError(response, 400, "ERR_NGROK_232");
    }

    @ParameterizedTest
    @ValueSource(strings = {"LIMIT=5", "page=2", "id=agin_32ELHcC7y5A5ZDbW5prn13UplVf", "foo"})
    void anyUnknownParameterIsErr231(String query) {
        Response response = api().urlEncodingEnabled(false).get("/agent_ingresses?" + query);

        assertNgrokError(response, 400, "ERR_NGROK_231");
    }

    @Test
    void listErrorsAreJsonInUtf8() {
        api().queryParam("limit", 0).get("/agent_ingresses").then().statusCode(400)
                // whitespace around ';' is insignificant in a media type (RFC 9110 §8.3.1)
                .header("Content-Type", org.hamcrest.Matchers.matchesPattern("(?i)application/json;\\s*charset=utf-8"));
    }

    // --- accounts -------------------------------------------------------------------------------------------------

    @Test
    void anotherAccountsIngressesNeverAppearInTheList() {
        String other = newToken();
        String othersId = createIngress(other, Map.of("domain", uniqueDomain()));
        String mine = createIngress(uniqueDomain());
        String othersNewer = createIngress(other, Map.of("domain", uniqueDomain()));

        List<String> myList = idsOf(api().get("/agent_ingresses").then().statusCode(200).extract().jsonPath());
        List<String> theirList = idsOf(api(other).get("/agent_ingresses").then().statusCode(200)
                .extract().jsonPath());

        assertThat(myList).containsExactly(mine);
        assertThat(theirList).containsExactly(othersNewer, othersId);
    }

    @Test
    void pagingNeverCrossesIntoAnotherAccount() {
        String other = newToken();
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            mine.add(createIngress(uniqueDomain()));
            createIngress(other, Map.of("domain", uniqueDomain()));
        }

        List<String> visited = walk(api().queryParam("limit", 1).get("/agent_ingresses")).stream()
                .flatMap(page -> idsOf(page).stream()).toList();

        Collections.reverse(mine);
        assertThat(visited).containsExactlyElementsOf(mine);
    }

    @Test
    void filterOnAnotherAccountsDomainFindsNothing() {
        String domain = uniqueDomain();
        createIngress(newToken(), Map.of("domain", domain));
        createIngress(uniqueDomain());

        assertThat(filtered("obj.domain == \"" + domain + "\"")).isEmpty();
    }

    // --- filter ---------------------------------------------------------------------------------------------------

    @Test
    void filterByDomainEqualityReturnsThatIngress() {
        String domain = uniqueDomain();
        createIngress(uniqueDomain());
        String wanted = createIngress(domain);
        createIngress(uniqueDomain());

        assertThat(filtered("obj.domain == \"" + domain + "\"")).containsExactly(wanted);
    }

    @Test
    void filterByDomainEndsWithReturnsTheIngressesUnderThatZone() {
        String zone = "z" + shortId() + "-list.com";
        String a = createIngress("a." + zone);
        createIngress(uniqueDomain());
        String b = createIngress("b." + zone);

        assertThat(filtered("obj.domain.endsWith(\"." + zone + "\")")).containsExactly(b, a);
    }

    @Test
    void filterByDescriptionStartsWith() {
        String a = create("alpha one", null);
        create("beta alpha", null);
        String b = create("alpha two", null);
        create(null, null);

        assertThat(filtered("obj.description.startsWith(\"alpha\")")).containsExactly(b, a);
    }

    @Test
    void filterByMetadataContains() {
        String a = create(null, "{\"team\":\"edge\",\"env\":\"prod\"}");
        create(null, "{\"team\":\"core\"}");
        create(null, null);
        String b = create("x", "prod-like edge box");

        assertThat(filtered("obj.metadata.contains(\"edge\")")).containsExactly(b, a);
    }

    @Test
    void filterByIdInList() {
        List<String> created = createMany(4);

        assertThat(filtered("obj.id in [\"" + created.get(0) + "\", \"" + created.get(2) + "\", \""
                + WELL_FORMED_ID + "\"]")).containsExactly(created.get(2), created.get(0));
    }

    @Test
    void filterByIdEquality() {
        List<String> created = createMany(3);

        assertThat(filtered("obj.id == \"" + created.get(1) + "\"")).containsExactly(created.get(1));
    }

    @Test
    void filterByCreatedAtAfterATimestampReturnsEverything() {
        List<String> created = createMany(3);

        assertThat(filtered("obj.created_at > timestamp(\"2020-01-01T00:00:00Z\")"))
                .containsExactly(created.get(2), created.get(1), created.get(0));
    }

    @Test
    void filterByCreatedAtBeforeDaysAgoMatchesNothingJustCreated() {
        createMany(3);

        JsonPath page = api().queryParam("filter", "obj.created_at < daysAgo(1)").get("/agent_ingresses")
                .then().statusCode(200).extract().jsonPath();

        assertThat(idsOf(page)).isEmpty();
        assertThat(page.getString("next_page_uri")).isNull();
    }

    @Test
    void filterDescriptionEqualsEmptyMatchesIngressesWithoutDescription() {
        String without = create(null, null);
        create("has one", null);
        String withoutButMetadata = create(null, "m");

        assertThat(filtered("obj.description == \"\"")).containsExactly(withoutButMetadata, without);
    }

    @Test
    void filterDescriptionEqualsNullMatchesIngressesWithoutDescription() {
        String without = create(null, null);
        create("has one", null);

        assertThat(filtered("obj.description == null")).containsExactly(without);
    }

    @Test
    void filterWithAndOrNotCombinesConditions() {
        String zone = "z" + shortId() + "-bool.com";
        String prodEdge = createWith("a." + zone, "prod", "edge");
        String prodCore = createWith("b." + zone, "prod", "core");
        String devEdge = createWith("c." + zone, "dev", "edge");
        createWith(uniqueDomain(), "prod", "edge");

        assertThat(filtered("obj.domain.endsWith(\"." + zone + "\") && obj.description == \"prod\""))
                .containsExactly(prodCore, prodEdge);
        assertThat(filtered("obj.domain.endsWith(\"." + zone + "\") && (obj.metadata == \"core\" || "
                + "obj.description == \"dev\")")).containsExactly(devEdge, prodCore);
        assertThat(filtered("obj.domain.endsWith(\"." + zone + "\") && !(obj.metadata == \"edge\")"))
                .containsExactly(prodCore);
    }

    @Test
    void filterBySizeOfDescription() {
        String longer = create("four", null);
        create("abc", null);
        create(null, null);
        String longest = create("a longer one", null);

        assertThat(filtered("size(obj.description) > 3")).containsExactly(longest, longer);
    }

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
    void filterByCreatedAtUpToNowReturnsEverything() {
        List<String> created = createMany(2);

        assertThat(filtered("obj.created_at <= now()")).containsExactly(created.get(1), created.get(0));
    }

    @Test
    void filterByCreatedAtWithinTheLastDayReturnsEverything() {
        List<String> created = createMany(2);

        assertThat(filtered("obj.created_at > daysAgo(1)")).containsExactly(created.get(1), created.get(0));
    }

    @Test
    void filterAcceptsSingleQuotedStrings() {
        String domain = uniqueDomain();
        String wanted = createIngress(domain);
        createIngress(uniqueDomain());

        assertThat(filtered("obj.domain == '" + domain + "'")).containsExactly(wanted);
    }

    @Test
    void filterByDomainInList() {
        String a = uniqueDomain();
        String b = uniqueDomain();
        String idA = createIngress(a);
        createIngress(uniqueDomain());
        String idB = createIngress(b);

        assertThat(filtered("obj.domain in [\"" + a + "\", \"" + b + "\"]")).containsExactly(idB, idA);
    }

    @Test
    void filterDescriptionNotEmptyMatchesIngressesWithADescription() {
        create(null, "m");
        String with = create("d", null);

        assertThat(filtered("obj.description != \"\"")).containsExactly(with);
    }

    @Test
    void filterMatchingNothingIsAnEmptyLastPage() {
        createMany(2);

        JsonPath page = api().queryParam("filter", "obj.domain == \"nothing.example.com\"").get("/agent_ingresses")
                .then().statusCode(200).extract().jsonPath();

        assertThat(idsOf(page)).isEmpty();
        assertThat(page.getString("next_page_uri")).isNull();
        assertThat(page.getString("uri")).isEqualTo(collectionUrl());
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
        assertNgrokError(api().queryParam("filter", "obj.nope == \"x\"").get("/agent_ingresses"), 400,
                "invalid_cel_expression");
    }

    @Test
    void filterFindsAMatchBehindMoreThanTwoHundredNonMatchingIngresses() {
        String oldest = create("needle", null);
        for (int i = 0; i < 210; i++) {
            create("hay", null);
        }

        JsonPath page = api().queryParam("filter", "obj.description == \"needle\"").queryParam("limit", 1)
                .get("/agent_ingresses").then().statusCode(200).extract().jsonPath();

        assertThat(idsOf(page)).containsExactly(oldest);
        assertThat(page.getString("next_page_uri")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "obj.nope == \"x\"",
            "obj.domain[0] == \"a\"",
            "obj.id.startsWith(\"agin\")",
            "1 + 1 == 2",
            "obj.domain.matches(\"x\")",
            "obj.domain ==",
            "obj.domain",
            "obj.description == \"a\" ? true : false",
            "obj.id.contains(\"x\")",
            "obj.id.endsWith(\"x\")",
            "size(obj.id) > 3",
            "obj.id < \"agin_z\"",
            "\"agin_x\" in [obj.id]",
            "type(obj.domain) == string",
            "obj.domain + \"x\" == \"y\"",
            "has(obj.domain)",
            "obj.domain.exists(c, c == \"a\")",
            "other.domain == \"x\"",
            "obj == obj",
            "obj.domain < 3",
            "obj.created_at > timestamp(\"not a time\")",
            "obj.created_at > daysAgo(\"1\")",
            "int(obj.description) == 1",
            "{\"a\": 1}.size() == 1"})
    void invalidFilterIsInvalidCelExpression(String filter) {
        Response response = api().queryParam("filter", filter).get("/agent_ingresses");

        assertNgrokError(response, 400, "invalid_cel_expression");
        response.then().body("msg", startsWith("Invalid CEL query: "));
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

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
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

    /** The IDs of one filtered page (no limit), newest first; the page must be the last. */
    private List<String> filtered(String filter) {
        JsonPath page = api().queryParam("filter", filter).get("/agent_ingresses")
                .then().statusCode(200).extract().jsonPath();
        assertThat(page.getString("next_page_uri")).isNull();
        return idsOf(page);
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

    private static void assertStrictlyDescending(List<String> ids) {
        for (int i = 1; i < ids.size(); i++) {
            assertThat(ids.get(i)).as("id at %d", i).isLessThan(ids.get(i - 1));
        }
    }

    /** ngrok's error envelope: status_code = HTTP status, the code, msg, and details.operation_id = the header. */
    private static void assertNgrokError(Response response, int status, String errorCode) {
        response.then().statusCode(status).contentType("application/json");
        String operationId = response.header("Ngrok-Operation-Id");
        assertThat(operationId).as("Ngrok-Operation-Id header").isNotNull().startsWith("op_");
        response.then()
                .body("status_code", equalTo(status))
                .body("error_code", equalTo(errorCode))
                .body("msg", org.hamcrest.Matchers.notNullValue())
                .body("details.operation_id", equalTo(operationId));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
