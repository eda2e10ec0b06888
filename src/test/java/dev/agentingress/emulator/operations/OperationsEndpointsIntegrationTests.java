package dev.agentingress.emulator.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.agentingress.emulator.support.ApiIntegrationTest;

/** Health, info and metrics for operators: no API key, and nothing else of actuator exposed. */
class OperationsEndpointsIntegrationTests extends ApiIntegrationTest {

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"})
    void healthNeedsNoApiKeyAndIsUp(String path) {
        anonymous().get(path).then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void readinessWaitsForTheDatabaseAndTheMigrations() {
        Map<String, Object> components = anonymous().get("/actuator/health/readiness").then().statusCode(200)
                .extract().path("components");
        assertThat(components).containsOnlyKeys("readinessState", "db", "migrations");
    }

    @Test
    void infoNamesTheBuild() {
        anonymous().get("/actuator/info").then().statusCode(200)
                .body("build.artifact", equalTo("agent-ingress-emulator"));
    }

    @Test
    void prometheusCountsRequestsPerOperationAndStatus() {
        createIngress(uniqueDomain());
        api().get("/agent_ingresses/agin_" + "0".repeat(27)).then().statusCode(404);

        String metrics = anonymous().get("/actuator/prometheus").then().statusCode(200).extract().asString();

        assertThat(metrics)
                .containsPattern("http_server_requests_seconds_count\\{[^}]*method=\"POST\"[^}]*status=\"201\""
                        + "[^}]*uri=\"/agent_ingresses\"")
                .containsPattern("http_server_requests_seconds_count\\{[^}]*method=\"GET\"[^}]*status=\"404\""
                        + "[^}]*uri=\"/agent_ingresses/\\{id}\"")
                .contains("http_server_requests_seconds_sum");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/health/nothing", "/actuator/health/nothing/below",
            "/actuator/health/readiness/nothing/below", "/actuator/health/db/below/further"})
    void aHealthPathToNoComponentIsNotFound(String path) {
        anonymous().get(path).then().statusCode(404).body("status_code", equalTo(404));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/env", "/actuator/beans", "/actuator/configprops", "/actuator/heapdump",
            "/actuator/loggers", "/actuator/metrics", "/actuator/mappings"})
    void nothingElseOfActuatorIsExposed(String path) {
        anonymous().get(path).then().statusCode(404).body("status_code", equalTo(404));
    }
}
