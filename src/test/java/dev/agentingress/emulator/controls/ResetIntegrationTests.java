package dev.agentingress.emulator.controls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import dev.agentingress.emulator.support.ApiIntegrationTest;
import io.restassured.response.Response;

class ResetIntegrationTests extends ApiIntegrationTest {

    @Test
    void resetDeletesEverythingOfTheCallersAccountAndSaysHowMuchOfEachKind() {
        createIngress(uniqueDomain());
        createIngress(uniqueDomain());
        api().contentType("application/json").body(Map.of("operation", "*", "latency_ms", 1))
                .post("/_emulator/faults").then().statusCode(201);

        Response reset = api().post("/_emulator/reset");

        // the two creates are the account's journal; the control calls are never recorded
        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(json(reset)).isEqualTo(Map.of("agent_ingresses", 2, "fault_rules", 1, "journal_entries", 2));
        assertThat(reset.asString()).isEqualTo("{\"agent_ingresses\":2,\"fault_rules\":1,\"journal_entries\":2}");
        api().get("/agent_ingresses").then().statusCode(200).body("ingresses", org.hamcrest.Matchers.empty());
        api().get("/_emulator/faults").then().statusCode(200).body("faults", org.hamcrest.Matchers.empty());
    }

    @Test
    void resettingAnEmptyAccountRemovesNothing() {
        Response reset = api().post("/_emulator/reset");

        assertThat(json(reset)).isEqualTo(Map.of("agent_ingresses", 0, "fault_rules", 0, "journal_entries", 0));
    }

    @Test
    void resetOfOneAccountLeavesAnotherIntact() {
        String other = newToken();
        String theirs = createIngress(other, Map.of("domain", uniqueDomain()));
        createIngress(uniqueDomain());

        api().post("/_emulator/reset").then().statusCode(200);

        List<String> remaining =
                api(other).get("/agent_ingresses").then().statusCode(200).extract().path("ingresses.id");
        assertThat(remaining).containsExactly(theirs);
    }

    @Test
    void resetFreesTheAccountsDomains() {
        String domain = uniqueDomain();
        createIngress(domain);
        api().post("/_emulator/reset").then().statusCode(200);
        createIngress(newToken(), Map.of("domain", domain));
    }

    @Test
    void resetPutsTheAccountsClockBackToRealTime() {
        api().contentType("application/json").body(Map.of("at", "2020-01-01T00:00:00Z")).post("/_emulator/clock/freeze")
                .then().statusCode(200);
        api().post("/_emulator/reset").then().statusCode(200);
        api().get("/_emulator/clock").then().statusCode(200).body("frozen", equalTo(false));
    }

    @Test
    void resetNeedsTheApiKeyButNoVersion() {
        anonymous().post("/_emulator/reset").then().statusCode(403).body("error_code", equalTo("ERR_NGROK_200"));
        anonymous().header("Authorization", "Bearer " + token).post("/_emulator/reset").then().statusCode(200);
    }

    @Test
    void operatorsResetIsOffWithoutAnAdminToken() {
        api().post("/_emulator/admin/reset").then().statusCode(403).body("status_code", equalTo(403))
                .body("msg", org.hamcrest.Matchers.containsString("emulator.admin-token"));
    }

    @Nested
    @TestPropertySource(properties = "emulator.admin-token=operator-secret-0123456789")
    class WithAnAdminToken {

        @Test
        void operatorsResetNeedsTheAdminToken() {
            api().post("/_emulator/admin/reset").then().statusCode(403);
        }

        @Test
        void operatorsResetDeletesEveryAccount() {
            String one = newToken();
            String two = newToken();
            createIngress(one, Map.of("domain", uniqueDomain()));
            createIngress(two, Map.of("domain", uniqueDomain()));

            api(one).contentType("application/json").body(Map.of("operation", "*", "latency_ms", 1))
                    .post("/_emulator/faults").then().statusCode(201);

            Response reset = api("operator-secret-0123456789").post("/_emulator/admin/reset");

            // every account together: other tests of this context may have left items too
            assertThat(reset.statusCode()).isEqualTo(200);
            assertThat(json(reset)).containsOnlyKeys("agent_ingresses", "fault_rules", "journal_entries");
            assertThat(reset.jsonPath().getInt("agent_ingresses")).isGreaterThanOrEqualTo(2);
            assertThat(reset.jsonPath().getInt("journal_entries")).isGreaterThanOrEqualTo(2);
            assertThat(reset.jsonPath().getInt("fault_rules")).isGreaterThanOrEqualTo(1);
            api(one).get("/_emulator/faults").then().body("faults", org.hamcrest.Matchers.empty());

            api(one).get("/agent_ingresses").then().body("ingresses", org.hamcrest.Matchers.empty());
            api(two).get("/agent_ingresses").then().body("ingresses", org.hamcrest.Matchers.empty());
        }
    }
}
