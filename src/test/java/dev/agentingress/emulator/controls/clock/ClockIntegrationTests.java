package dev.agentingress.emulator.controls.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import dev.agentingress.emulator.support.ApiIntegrationTest;
import io.restassured.path.json.JsonPath;

class ClockIntegrationTests extends ApiIntegrationTest {

    private static final String FROZEN = "2025-09-04T10:11:37Z";

    @Test
    void aFrozenClockGivesIdenticalCreatedAtAndStillOrderedIds() {
        freeze(FROZEN);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            JsonPath created = apiJson(Map.of("domain", uniqueDomain())).post("/agent_ingresses")
                    .then().statusCode(201).body("created_at", equalTo(FROZEN)).extract().jsonPath();
            ids.add(created.getString("id"));
        }
        assertThat(ids).isSorted().doesNotHaveDuplicates();
        List<String> listed = api().get("/agent_ingresses").then().extract().path("ingresses.id");
        java.util.Collections.reverse(ids);
        assertThat(listed).containsExactlyElementsOf(ids);
    }

    @Test
    void theFrozenTimeIsWhatTheClockSays() {
        freeze(FROZEN);
        api().get("/_emulator/clock").then().statusCode(200).body("now", equalTo(FROZEN)).body("frozen", equalTo(true));
    }

    @Test
    void freezingWithoutABodyStopsTheClockAtNow() {
        Instant before = Instant.now().minusSeconds(1);
        String now = api().post("/_emulator/clock/freeze").then().statusCode(200).body("frozen", equalTo(true))
                .extract().path("now");
        assertThat(Instant.parse(now)).isAfter(before);
    }

    @Test
    void advancingAFrozenClockMovesCreatedAt() {
        freeze(FROZEN);
        api().contentType("application/json").body(Map.of("by", "PT1H")).post("/_emulator/clock/advance")
                .then().statusCode(200).body("now", equalTo("2025-09-04T11:11:37Z"));
        apiJson(Map.of("domain", uniqueDomain())).post("/agent_ingresses").then().statusCode(201)
                .body("created_at", equalTo("2025-09-04T11:11:37Z"));
    }

    @Test
    void advancingARunningClockRunsItAhead() {
        api().contentType("application/json").body(Map.of("by", "2d")).post("/_emulator/clock/advance")
                .then().statusCode(200).body("frozen", equalTo(false));
        String createdAt = apiJson(Map.of("domain", uniqueDomain())).post("/agent_ingresses").then().statusCode(201)
                .extract().path("created_at");
        assertThat(Instant.parse(createdAt)).isAfter(Instant.now().plus(Duration.ofDays(2)).minusSeconds(60));
    }

    @Test
    void theFilterNowFollowsTheAccountsClock() {
        freeze(FROZEN);
        createIngress(uniqueDomain());
        api().queryParam("filter", "obj.created_at == now()").get("/agent_ingresses").then().statusCode(200)
                .body("ingresses.size()", equalTo(1));
    }

    @Test
    void deletingTheClockGoesBackToRealTime() {
        freeze(FROZEN);
        api().delete("/_emulator/clock").then().statusCode(204);
        String now = api().get("/_emulator/clock").then().body("frozen", equalTo(false)).extract().path("now");
        assertThat(Instant.parse(now)).isAfter(Instant.now().minusSeconds(60));
    }

    @Test
    void anAccountsClockIsItsOwn() {
        freeze(FROZEN);
        String other = newToken();
        api(other).get("/_emulator/clock").then().body("frozen", equalTo(false));
        String createdAt = createdAt(other);
        assertThat(Instant.parse(createdAt)).isAfter(Instant.now().minusSeconds(60));
    }

    @Test
    void badTimesAndDurationsAreAnsweredInTheEnvelope() {
        api().contentType("application/json").body(Map.of("at", "yesterday")).post("/_emulator/clock/freeze")
                .then().statusCode(400).body("error_code", equalTo("ERR_NGROK_215"));
        api().contentType("application/json").body(Map.of("by", "a while")).post("/_emulator/clock/advance")
                .then().statusCode(400).body("error_code", equalTo("ERR_NGROK_215"));
    }

    @Test
    void anAccountsIdsNeverGoBackWhenItsClockDoes() {
        String first = createIngress(uniqueDomain());
        freeze("2020-01-01T00:00:00Z");
        String second = createIngress(uniqueDomain());
        assertThat(second).isGreaterThan(first);
    }

    /** Calls that found no clock setting are remembered as quiet (QuietCalls); a freeze after them still counts. */
    @Test
    void aClockFrozenAfterCallsAtRealTimeAppliesAtOnceAndItsResetToo() {
        createIngress(uniqueDomain());
        createIngress(uniqueDomain());

        // ahead of the ingresses made at real time: an account's IDs, and so its creation times, never go back
        String ahead = "2040-01-01T00:00:00Z";
        freeze(ahead);
        assertThat(createdAt(token)).isEqualTo(ahead);
        api().delete("/_emulator/clock").then().statusCode(204);
        api().get("/_emulator/clock").then().statusCode(200).body("frozen", equalTo(false));
    }

    private void freeze(String at) {
        api().contentType("application/json").body(Map.of("at", at)).post("/_emulator/clock/freeze")
                .then().statusCode(200);
    }

    private String createdAt(String bearer) {
        return api(bearer).contentType("application/json").body(Map.of("domain", uniqueDomain()))
                .post("/agent_ingresses").then().statusCode(201).extract().path("created_at");
    }

    @Nested
    @TestPropertySource(properties = "emulator.admin-token=operator-secret-0123456789")
    class OperatorsClock {

        @Test
        void freezesEveryAccountWithoutItsOwnSetting() {
            String other = newToken();
            try {
                api("operator-secret-0123456789").contentType("application/json").body(Map.of("at", FROZEN))
                        .post("/_emulator/admin/clock/freeze").then().statusCode(204);
                assertThat(createdAt(other)).isEqualTo(FROZEN);
            } finally {
                api("operator-secret-0123456789").delete("/_emulator/admin/clock").then().statusCode(204);
            }
        }

        @Test
        void needsTheAdminToken() {
            api().contentType("application/json").body(Map.of("at", FROZEN)).post("/_emulator/admin/clock/freeze")
                    .then().statusCode(403);
        }
    }
}
