package dev.agentingress.emulator.controls.clock;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.test.context.TestPropertySource;

import dev.agentingress.emulator.support.ApiIntegrationTest;

/**
 * The time goes into every new ID, whose 32-bit seconds hold 2014-05-13T16:53:20Z to 2150-06-19T23:21:35Z: a clock
 * outside would give IDs (and created_at) of another time, so the controls refuse to put it there.
 */
@TestPropertySource(properties = "emulator.admin-token=" + ClockRangeIntegrationTests.ADMIN)
class ClockRangeIntegrationTests extends ApiIntegrationTest {

    static final String ADMIN = "operator-secret-0123456789";
    private static final String RANGE = "The clock must stay within the times an ID can hold, from "
            + "2014-05-13T16:53:20Z to 2150-06-19T23:21:35Z";

    @ParameterizedTest
    @ValueSource(strings = {"1970-01-01T00:00:00Z", "2014-05-13T16:53:19Z", "2150-06-19T23:21:36Z",
            "3000-01-01T00:00:00Z"})
    void freezingOutsideTheRangeIs400SayingTheRange(String at) {
        apiJson(Map.of("at", at)).post("/_emulator/clock/freeze").then().statusCode(400)
                .body("status_code", equalTo(400)).body("msg", startsWith(RANGE));
        api().get("/_emulator/clock").then().body("frozen", equalTo(false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2014-05-13T16:53:20Z", "2150-06-19T23:21:35Z"})
    void theEdgesOfTheRangeGiveIdsOfThatTime(String at) {
        apiJson(Map.of("at", at)).post("/_emulator/clock/freeze").then().statusCode(200);
        apiJson(Map.of("domain", uniqueDomain())).post("/agent_ingresses").then().statusCode(201)
                .body("created_at", equalTo(at));
    }

    @Test
    void advancingPastTheRangeIs400AndLeavesTheClockWhereItWas() {
        apiJson(Map.of("at", "2150-01-01T00:00:00Z")).post("/_emulator/clock/freeze").then().statusCode(200);

        apiJson(Map.of("by", "365d")).post("/_emulator/clock/advance").then().statusCode(400)
                .body("msg", startsWith(RANGE));
        api().get("/_emulator/clock").then().body("now", equalTo("2150-01-01T00:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-PT1000000H", "999999999999999d", "PT9223372036854775807S"})
    void advancingARunningClockOutOfRangeOrBeyondAnyInstantIs400(String by) {
        apiJson(Map.of("by", by)).post("/_emulator/clock/advance").then().statusCode(400)
                .body("status_code", equalTo(400));
        api().get("/_emulator/clock").then().body("frozen", equalTo(false));
    }

    @Test
    void theOperatorsClockHasTheSameRange() {
        try {
            api(ADMIN).contentType("application/json").body(Map.of("at", "1970-01-01T00:00:00Z"))
                    .post("/_emulator/admin/clock/freeze").then().statusCode(400).body("msg", startsWith(RANGE));
            api(ADMIN).contentType("application/json").body(Map.of("by", "-PT300000H"))
                    .post("/_emulator/admin/clock/advance").then().statusCode(400).body("msg", startsWith(RANGE));
        } finally {
            // every account follows the operator's clock: never leave it moved for the other tests
            api(ADMIN).delete("/_emulator/admin/clock").then().statusCode(204);
        }
    }

    @Test
    void theOperatorsClockReadsItsQueryAsStrictlyAsEveryControl() {
        api(ADMIN).delete("/_emulator/admin/clock?x=1").then().statusCode(400)
                .body("error_code", equalTo("ERR_NGROK_231"));
        api(ADMIN).delete("/_emulator/admin/clock?%zz").then().statusCode(400).body("status_code", equalTo(400));
    }
}
