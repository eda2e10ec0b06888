package dev.agentingress.emulator.controls.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.test.context.TestPropertySource;

import dev.agentingress.emulator.support.ApiIntegrationTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Fault injection, black-box: the {@code Ngrok-Emulator-Fault} header and the {@code /_emulator/faults} rules answer
 * ngrok's envelope (or delay the answer) before the operation runs, on ngrok's operations only, per account.
 */
class FaultInjectionIntegrationTests extends ApiIntegrationTest {

    private static final String COLLECTION = "/agent_ingresses";
    private static final String FAULTS = "/_emulator/faults";
    private static final String HEADER = "Ngrok-Emulator-Fault";

    // ---------------------------------------------------------------- the header

    @Test
    void headerStatusIsAnsweredInNgroksEnvelopeWithTheGivenCode() {
        Response response = api().header(HEADER, "status=503, code=ERR_NGROK_226").get(COLLECTION);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(json(response)).isEqualTo(Map.of(
                "error_code", "ERR_NGROK_226",
                "status_code", 503,
                "msg", "Injected fault: 503 Service Unavailable, as the Ngrok-Emulator-Fault header asked.",
                "details", Map.of("operation_id", response.header("Ngrok-Operation-Id"))));
    }

    @Test
    void headerStatusWithoutCodeLeavesTheErrorCodeOut() {
        Response response = api().header(HEADER, "status=500").get(COLLECTION);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(json(response)).containsOnlyKeys("status_code", "msg", "details")
                .containsEntry("status_code", 500);
    }

    @Test
    void headerFailureOnCreateCreatesNothing() {
        String domain = uniqueDomain();

        apiJson(Map.of("domain", domain)).header(HEADER, "status=503").post(COLLECTION).then().statusCode(503);

        api().get(COLLECTION).then().statusCode(200).body("ingresses", empty());
        createIngress(domain);
    }

    @Test
    void headerLatencyDelaysTheAnswer() {
        long started = System.nanoTime();

        api().header(HEADER, "latency=250ms").get(COLLECTION).then().statusCode(200);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
    }

    @Test
    void headerStatusAndLatencyCombine() {
        long started = System.nanoTime();

        api().header(HEADER, "status=503, latency=100ms").get(COLLECTION).then().statusCode(503);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "teapot", "status=abc", "status=200", "status=503, status=500", "latency=fast",
            "latency=61s", "code=ERR_NGROK_226", "status=503, code=ERR NGROK", "colour=red"})
    void malformedHeaderIs400WithoutAnErrorCode(String header) {
        Response response = api().header(HEADER, header).get(COLLECTION);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response)).containsOnlyKeys("status_code", "msg", "details");
        assertThat(response.jsonPath().getString("msg")).startsWith("The Ngrok-Emulator-Fault header '" + header
                + "' is invalid: ");
    }

    @Test
    void headerOnAControlIsIgnored() {
        api().header(HEADER, "status=503").get(FAULTS).then().statusCode(200);
    }

    @Test
    void headerOnHealthIsIgnored() {
        anonymous().header(HEADER, "status=503").get("/actuator/health/liveness").then().statusCode(200);
    }

    // ---------------------------------------------------------------- rules

    @Test
    void timesRuleFailsTheNextMatchingCallsThenPasses() {
        addRule(Map.of("operation", "AgentIngressesList", "status", 503, "times", 2));

        api().get(COLLECTION).then().statusCode(503);
        api().get(COLLECTION).then().statusCode(503);
        api().get(COLLECTION).then().statusCode(200);
    }

    /**
     * Calls that found no rule are remembered as quiet (QuietCalls); a rule added or removed after them still counts.
     */
    @Test
    void ruleAddedAfterCallsWithoutRulesAppliesAtOnceAndItsRemovalToo() {
        api().get(COLLECTION).then().statusCode(200);
        api().get(COLLECTION).then().statusCode(200);

        String id = addRule(Map.of("operation", "AgentIngressesList", "status", 503));
        api().get(COLLECTION).then().statusCode(503);
        api().get(COLLECTION).then().statusCode(503);

        controls().delete(FAULTS + "/" + id).then().statusCode(204);
        api().get(COLLECTION).then().statusCode(200);
        addRule(Map.of("operation", "*", "status", 500, "times", 1));
        api().get(COLLECTION).then().statusCode(500);
        api().get(COLLECTION).then().statusCode(200);
    }

    @Test
    void ruleFailureIsAnsweredInNgroksEnvelopeNamingTheRule() {
        String id = addRule(Map.of("operation", "*", "status", 429, "error_code", "ERR_NGROK_226"));

        Response response = api().get(COLLECTION);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(json(response)).isEqualTo(Map.of(
                "error_code", "ERR_NGROK_226",
                "status_code", 429,
                "msg",
                "Injected fault: 429 Too Many Requests, as the fault rule " + id + " of /_emulator/faults asked.",
                "details", Map.of("operation_id", response.header("Ngrok-Operation-Id"))));
    }

    @Test
    void ruleForOneOperationLeavesTheOthersAlone() {
        addRule(Map.of("operation", "AgentIngressesCreate", "status", 500));

        api().get(COLLECTION).then().statusCode(200);
        apiJson(Map.of("domain", uniqueDomain())).post(COLLECTION).then().statusCode(500);
    }

    @Test
    void ruleFailureOnCreateCreatesNothing() {
        addRule(Map.of("operation", "AgentIngressesCreate", "status", 503, "times", 1));
        String domain = uniqueDomain();

        apiJson(Map.of("domain", domain)).post(COLLECTION).then().statusCode(503);

        api().get(COLLECTION).then().statusCode(200).body("ingresses", empty());
        createIngress(domain);
    }

    @Test
    void ruleLatencyDelaysTheAnswer() {
        addRule(Map.of("operation", "AgentIngressesList", "latency_ms", 200));
        long started = System.nanoTime();

        api().get(COLLECTION).then().statusCode(200);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void probabilityOneFailsEveryCall() {
        addRule(Map.of("operation", "AgentIngressesList", "status", 502, "probability", 1));

        for (int i = 0; i < 20; i++) {
            api().get(COLLECTION).then().statusCode(502);
        }
    }

    @Test
    void probabilityZeroFailsNoCall() {
        addRule(Map.of("operation", "AgentIngressesList", "status", 502, "probability", 0));

        for (int i = 0; i < 20; i++) {
            api().get(COLLECTION).then().statusCode(200);
        }
    }

    @Test
    void listShowsTheRulesWithTheirRemainingCounts() {
        String id = addRule(Map.of("operation", "AgentIngressesList", "status", 503, "times", 3));
        api().get(COLLECTION).then().statusCode(503);

        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("error_code", null);
        rule.put("id", id);
        rule.put("latency_ms", 0);
        rule.put("operation", "AgentIngressesList");
        rule.put("probability", null);
        rule.put("status", 503);
        rule.put("times_remaining", 2);
        rule.put("uri", FAULTS + "/" + id);
        assertThat(json(api().get(FAULTS).then().statusCode(200).extract().response()))
                .isEqualTo(Map.of("faults", List.of(rule)));
    }

    @Test
    void usedUpRuleLeavesTheList() {
        addRule(Map.of("operation", "AgentIngressesList", "status", 503, "times", 1));
        api().get(COLLECTION).then().statusCode(503);

        api().get(FAULTS).then().statusCode(200).body("faults", empty());
    }

    @Test
    void clearRemovesEveryRule() {
        addRule(Map.of("operation", "*", "status", 503));
        addRule(Map.of("operation", "AgentIngressesList", "status", 500));

        api().delete(FAULTS).then().statusCode(204);

        api().get(FAULTS).then().statusCode(200).body("faults", empty());
        api().get(COLLECTION).then().statusCode(200);
    }

    @Test
    void deletingOneRuleLeavesTheOthers() {
        String first = addRule(Map.of("operation", "AgentIngressesList", "status", 503));
        String second = addRule(Map.of("operation", "AgentIngressesCreate", "status", 500));

        api().delete(FAULTS + "/" + first).then().statusCode(204);

        api().get(FAULTS).then().statusCode(200).body("faults.id", contains(second));
        api().get(COLLECTION).then().statusCode(200);
    }

    @Test
    void rulesOfOneAccountLeaveAnotherAlone() {
        addRule(Map.of("operation", "*", "status", 503));
        String other = newToken();

        api(other).get(COLLECTION).then().statusCode(200);
        api(other).get(FAULTS).then().statusCode(200).body("faults", empty());
    }

    @Test
    void controlsAreNeverFaultedByRules() {
        addRule(Map.of("operation", "*", "status", 503, "latency_ms", 0));

        api().get(FAULTS).then().statusCode(200);
        api().delete(FAULTS).then().statusCode(204);
    }

    @Test
    void headerTakesPrecedenceOverRules() {
        addRule(Map.of("operation", "*", "status", 503, "times", 1));

        api().header(HEADER, "latency=1ms").get(COLLECTION).then().statusCode(200);
        api().get(FAULTS).then().statusCode(200).body("faults[0].times_remaining", equalTo(1));
    }

    @Test
    void ruleForAnUnknownOperationIs400ListingTheKnownOnes() {
        Response response = controls().body(Map.of("operation", "AgentIngressesCreat", "status", 503)).post(FAULTS);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response)).containsOnlyKeys("status_code", "msg", "details");
        assertThat(response.jsonPath().getString("msg")).isEqualTo("The operation 'AgentIngressesCreat' is unknown. "
                + "Use * for every operation, or one of AgentIngressesCreate, AgentIngressesDelete, "
                + "AgentIngressesGet, AgentIngressesList, AgentIngressesUpdate.");
    }

    @Test
    void ruleWithBothProbabilityAndTimesIs400() {
        controls().body(Map.of("operation", "*", "status", 503, "probability", 0.5, "times", 2)).post(FAULTS)
                .then().statusCode(400).body("msg", equalTo("A fault rule takes probability or times, not both."));
    }

    @Test
    void ruleWithNeitherStatusNorLatencyIs400() {
        controls().body(Map.of("operation", "*", "times", 2)).post(FAULTS)
                .then().statusCode(400)
                .body("msg", equalTo("The fault rule is invalid: name a status, a latency or both."));
    }

    @Test
    void ruleWithAnUnknownFieldIs400Err214() {
        controls().body(Map.of("operation", "*", "status", 503, "chance", 1)).post(FAULTS)
                .then().statusCode(400).body("error_code", equalTo("ERR_NGROK_214"));
    }

    @Test
    void anUnknownQueryParameterOnTheFaultControlIs231() {
        controls().queryParam("operation", "*").get(FAULTS).then().statusCode(400)
                .body("error_code", org.hamcrest.Matchers.equalTo("ERR_NGROK_231"));
    }

    private RequestSpecification controls() {
        return anonymous().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    /** Adds a rule through the control (which needs no Ngrok-Version) and returns its ID. */
    private String addRule(Map<String, Object> rule) {
        return controls().body(rule).post(FAULTS).then().statusCode(201).extract().path("id");
    }

    @Nested
    @TestPropertySource(properties = "emulator.faults.header-enabled=false")
    class WithTheHeaderDisabled {

        @Test
        void headerIsIgnored() {
            api().header(HEADER, "status=503").get(COLLECTION).then().statusCode(200);
        }

        @Test
        void malformedHeaderIsIgnored() {
            api().header(HEADER, "teapot").get(COLLECTION).then().statusCode(200);
        }

        @Test
        void rulesStillApply() {
            addRule(Map.of("operation", "AgentIngressesList", "status", 503, "times", 1));

            api().get(COLLECTION).then().statusCode(503);
        }
    }
}
