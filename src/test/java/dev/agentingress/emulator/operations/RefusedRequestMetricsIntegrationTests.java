package dev.agentingress.emulator.operations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.agentingress.emulator.support.ApiIntegrationTest;

/**
 * Requests refused before a handler runs (authentication, version) keep the route they were sent to in the metrics,
 * so a dashboard shows which operation clients get wrong.
 */
class RefusedRequestMetricsIntegrationTests extends ApiIntegrationTest {

    @Test
    void aRequestWithoutAKeyIsCountedUnderItsRoute() {
        anonymous().header("Ngrok-Version", "2").delete("/agent_ingresses/agin_" + "0".repeat(27))
                .then().statusCode(403);

        assertThat(prometheus()).containsPattern("http_server_requests_seconds_count\\{[^}]*method=\"DELETE\""
                + "[^}]*status=\"403\"[^}]*uri=\"/agent_ingresses/\\{id}\"");
    }

    @Test
    void aRequestWithTheWrongVersionIsCountedUnderItsRoute() {
        anonymous().header("Authorization", "Bearer " + token).header("Ngrok-Version", "1")
                .patch("/agent_ingresses/agin_" + "0".repeat(27)).then().statusCode(400);

        assertThat(prometheus()).containsPattern("http_server_requests_seconds_count\\{[^}]*method=\"PATCH\""
                + "[^}]*status=\"400\"[^}]*uri=\"/agent_ingresses/\\{id}\"");
    }

    private String prometheus() {
        return anonymous().get("/actuator/prometheus").then().statusCode(200).extract().asString();
    }
}
