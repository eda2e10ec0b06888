package dev.agentingress.emulator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.agentingress.emulator.support.ApiIntegrationTest;

/**
 * Every time on the wire is RFC 3339 in UTC with {@code Z}, in one format; the precision is the producer's: ngrok's
 * resources whole seconds (as ngrok gives them), the journal milliseconds, the clock all it has.
 */
class WireTimesIntegrationTests extends ApiIntegrationTest {

    @Test
    void ngroksTimesAreWholeSecondsWhileTheClockKeepsItsFraction() {
        apiJson(Map.of("at", "2025-09-04T10:11:37.5Z")).post("/_emulator/clock/freeze").then().statusCode(200)
                .body("now", equalTo("2025-09-04T10:11:37.500Z"));

        apiJson(Map.of("domain", uniqueDomain(), "certificate_management_policy", Map.of())).post("/agent_ingresses")
                .then().statusCode(201)
                .body("created_at", equalTo("2025-09-04T10:11:37Z"))
                .body("certificate_management_status.provisioning_job.started_at", equalTo("2025-09-04T10:11:37Z"));
    }

    @Test
    void theJournalsTimesAreMillisecondsWithZ() {
        api().get("/agent_ingresses").then().statusCode(200);

        String timestamp =
                api().get("/_emulator/journal").then().statusCode(200).extract().path("requests[0].timestamp");

        assertThat(timestamp).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{3})?Z");
    }

    @Test
    void aRunningClockAndCreatedAtAreRfc3339WithZ() {
        String now = api().get("/_emulator/clock").then().statusCode(200).extract().path("now");
        String createdAt = apiJson(Map.of("domain", uniqueDomain())).post("/agent_ingresses").then().statusCode(201)
                .extract().path("created_at");

        assertThat(now).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.(\\d{3}){1,3})?Z");
        assertThat(createdAt).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    }
}
