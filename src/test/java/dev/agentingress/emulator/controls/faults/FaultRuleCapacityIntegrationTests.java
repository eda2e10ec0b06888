package dev.agentingress.emulator.controls.faults;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import dev.agentingress.emulator.support.ApiIntegrationTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** At most {@code emulator.faults.max-rules} rules in all accounts together (3 here); removing rules frees places. */
@TestPropertySource(properties = {"emulator.faults.max-rules=3",
        "emulator.admin-token=" + FaultRuleCapacityIntegrationTests.ADMIN})
class FaultRuleCapacityIntegrationTests extends ApiIntegrationTest {

    static final String ADMIN = "operator-secret-0123456789";
    private static final String FAULTS = "/_emulator/faults";
    private static final Map<String, Object> RULE = Map.of("operation", "AgentIngressesList", "status", 503);

    private String other;

    @BeforeEach
    void twoAccountsHoldThreeRules() {
        controls(ADMIN).post("/_emulator/admin/reset").then().statusCode(200);
        other = newToken();
        add(token).then().statusCode(201);
        add(token).then().statusCode(201);
        add(other).then().statusCode(201);
    }

    @Test
    void aRuleBeyondTheServerWideCapIsRefusedNamingTheSetting() {
        add(newToken()).then().statusCode(400)
                .body("msg", equalTo("This emulator is limited to 3 fault rules in all accounts together (setting "
                        + "emulator.faults.max-rules, environment variable EMULATOR_FAULTS_MAX_RULES). DELETE "
                        + "/_emulator/faults clears an account's rules."));
    }

    @Test
    void aRefusedRuleIsNotStored() {
        add(other).then().statusCode(400);

        controls(other).get(FAULTS).then().statusCode(200).body("faults", hasSize(1));
    }

    @Test
    void clearingAnAccountsRulesFreesTheirPlaces() {
        controls(token).delete(FAULTS).then().statusCode(204);

        add(newToken()).then().statusCode(201);
        add(other).then().statusCode(201);
    }

    @Test
    void aTimesRuleUsedUpFreesItsPlace() {
        controls(other).delete(FAULTS).then().statusCode(204);
        controls(other).body(Map.of("operation", "AgentIngressesList", "status", 503, "times", 1)).post(FAULTS)
                .then().statusCode(201);
        api(other).get("/agent_ingresses").then().statusCode(503);

        add(newToken()).then().statusCode(201);
    }

    private Response add(String bearerToken) {
        return controls(bearerToken).body(RULE).post(FAULTS);
    }

    private RequestSpecification controls(String bearerToken) {
        return anonymous().header("Authorization", "Bearer " + bearerToken).contentType(ContentType.JSON);
    }
}
