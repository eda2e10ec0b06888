package dev.agentingress.emulator.controls.clock;

import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import dev.agentingress.emulator.support.ApiIntegrationTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** At most {@code emulator.clock.max-accounts} accounts hold a clock of their own (2 here); a reset frees a place. */
@TestPropertySource(
        properties = {"emulator.clock.max-accounts=2", "emulator.admin-token=" + ClockCapacityIntegrationTests.ADMIN})
class ClockCapacityIntegrationTests extends ApiIntegrationTest {

    static final String ADMIN = "operator-secret-0123456789";
    private static final String FROZEN = "2030-01-01T00:00:00Z";
    private static final String LIMIT_MSG = "This emulator is limited to 2 accounts with a clock of their own (setting "
            + "emulator.clock.max-accounts, environment variable EMULATOR_CLOCK_MAX_ACCOUNTS). A reset (DELETE "
            + "/_emulator/clock) frees a place.";

    private String first;
    private String second;

    @BeforeEach
    void twoAccountsTakeEveryPlace() {
        control(ADMIN).post("/_emulator/admin/reset").then().statusCode(200);
        first = newToken();
        second = newToken();
        freeze(first).then().statusCode(200);
        freeze(second).then().statusCode(200);
    }

    @Test
    void aThirdAccountsFreezeIsRefusedNamingTheSetting() {
        freeze(token).then().statusCode(400)
                .body("msg", equalTo(LIMIT_MSG))
                .body("status_code", equalTo(400));

        control(token).get("/_emulator/clock").then().body("frozen", equalTo(false));
    }

    @Test
    void aThirdAccountsAdvanceIsRefusedToo() {
        control(token).contentType("application/json").body(Map.of("by", "1h")).post("/_emulator/clock/advance")
                .then().statusCode(400).body("msg", equalTo(LIMIT_MSG));
    }

    @Test
    void anAccountThatHasAPlaceKeepsChangingItsClock() {
        control(first).contentType("application/json").body(Map.of("by", "1h")).post("/_emulator/clock/advance")
                .then().statusCode(200).body("now", equalTo("2030-01-01T01:00:00Z"));
    }

    @Test
    void anAccountsClockResetFreesItsPlace() {
        control(first).delete("/_emulator/clock").then().statusCode(204);

        freeze(token).then().statusCode(200).body("frozen", equalTo(true));
    }

    @Test
    void anAccountsResetFreesItsPlace() {
        control(second).post("/_emulator/reset").then().statusCode(200);

        freeze(token).then().statusCode(200);
    }

    private Response freeze(String bearerToken) {
        return control(bearerToken).contentType("application/json").body(Map.of("at", FROZEN))
                .post("/_emulator/clock/freeze");
    }

    private RequestSpecification control(String bearerToken) {
        return anonymous().header("Authorization", "Bearer " + bearerToken);
    }
}
