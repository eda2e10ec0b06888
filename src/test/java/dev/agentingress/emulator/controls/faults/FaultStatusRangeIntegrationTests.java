package dev.agentingress.emulator.controls.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.agentingress.emulator.support.ApiIntegrationTest;
import io.restassured.response.Response;

/** A fault may answer with any status from 400 to 599, as the README says, named by Spring or not. */
class FaultStatusRangeIntegrationTests extends ApiIntegrationTest {

    private static final String HEADER = "Ngrok-Emulator-Fault";

    @ParameterizedTest
    @ValueSource(ints = {400, 499, 520, 599})
    void theHeaderAnswersAnyErrorStatusInNgroksEnvelope(int status) {
        Response response = api().header(HEADER, "status=" + status).get("/agent_ingresses");

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(json(response)).containsEntry("status_code", status);
        assertThat(response.jsonPath().getString("msg")).startsWith("Injected fault: " + status);
    }

    @ParameterizedTest
    @ValueSource(ints = {399, 600})
    void statusesOutsideTheErrorClassesAreRefused(int status) {
        Response response = api().header(HEADER, "status=" + status).get("/agent_ingresses");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.jsonPath().getString("msg")).contains("from 400 to 599");
    }

    @ParameterizedTest
    @ValueSource(ints = {499, 599})
    void aRuleAnswersAnyErrorStatusToo(int status) {
        apiJson(Map.of("operation", "AgentIngressesList", "status", status, "error_code", "E_TEST"))
                .post("/_emulator/faults").then().statusCode(201);

        Response response = api().get("/agent_ingresses");

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(json(response)).containsEntry("status_code", status).containsEntry("error_code", "E_TEST");
    }
}
