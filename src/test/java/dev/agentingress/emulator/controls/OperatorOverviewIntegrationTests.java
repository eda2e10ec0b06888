package dev.agentingress.emulator.controls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import dev.agentingress.emulator.support.ApiIntegrationTest;
import io.restassured.response.Response;

@TestPropertySource(properties = "emulator.admin-token=" + OperatorOverviewIntegrationTests.ADMIN_TOKEN)
class OperatorOverviewIntegrationTests extends ApiIntegrationTest {

    static final String ADMIN_TOKEN = "operator-overview-secret-0123456789";

    @Test
    void theOverviewCountsWhatEveryAccountHoldsAndGivesTheClockOfEveryAccount() {
        // this context's other tests may have left items: the operator's reset starts from none
        authorized(ADMIN_TOKEN).post("/_emulator/admin/reset").then().statusCode(200);
        String one = newToken();
        String two = newToken();
        createIngress(one, Map.of("domain", uniqueDomain()));
        createIngress(one, Map.of("domain", uniqueDomain()));
        createIngress(two, Map.of("domain", uniqueDomain()));
        authorized(two).contentType("application/json").body(Map.of("operation", "*", "latency_ms", 1))
                .post("/_emulator/faults").then().statusCode(201);
        authorized(ADMIN_TOKEN).contentType("application/json").body(Map.of("at", "2025-09-04T10:11:37Z"))
                .post("/_emulator/admin/clock/freeze").then().statusCode(204);
        try {
            Response overview = authorized(ADMIN_TOKEN).get("/_emulator/admin/overview");

            // the three creates are journalled; the controls' calls never are
            assertThat(overview.statusCode()).isEqualTo(200);
            assertThat(json(overview)).isEqualTo(Map.of(
                    "agent_ingresses", Map.of("count", 3, "accounts", 2),
                    "journal_entries", Map.of("count", 3, "accounts", 2),
                    "fault_rules", Map.of("count", 1, "accounts", 1),
                    "clock", Map.of("now", "2025-09-04T10:11:37Z", "frozen", true)));
        } finally {
            authorized(ADMIN_TOKEN).delete("/_emulator/admin/clock").then().statusCode(204);
        }
        authorized(ADMIN_TOKEN).get("/_emulator/admin/overview").then().statusCode(200)
                .body("clock.frozen", org.hamcrest.Matchers.equalTo(false));
    }

    @Test
    void theOverviewNeedsTheAdminToken() {
        authorized(newToken()).get("/_emulator/admin/overview").then().statusCode(403)
                .body("status_code", org.hamcrest.Matchers.equalTo(403))
                .body("msg", containsString("admin token"));
    }
}
