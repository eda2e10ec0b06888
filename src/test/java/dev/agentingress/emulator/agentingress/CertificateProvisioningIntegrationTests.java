package dev.agentingress.emulator.agentingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.agentingress.emulator.support.ApiIntegrationTest;
import io.restassured.path.json.JsonPath;

/** How a managed certificate moves from "provisioning in progress" to issued, or fails, with the clock control. */
class CertificateProvisioningIntegrationTests extends ApiIntegrationTest {

    private static final String T0 = "2026-01-01T00:00:00Z";

    @Test
    void aRequestedCertificateIsIssuedOnceTheProvisioningTimeHasPassed() {
        freeze(T0);
        String id = createIngress(token, Map.of("domain", uniqueDomain(), "certificate_management_policy", Map.of()));
        advance("59s");
        api().get("/agent_ingresses/" + id).then().body("certificate_management_status.provisioning_job.msg",
                equalTo("Managed certificate provisioning in progress."));

        advance("1s");

        api().get("/agent_ingresses/" + id).then().statusCode(200)
                .body("certificate_management_status.provisioning_job", nullValue())
                .body("certificate_management_status.renews_at", equalTo("2026-03-02T00:01:00Z"));
    }

    @Test
    void theIssueControlEndsProvisioningNow() {
        freeze(T0);
        String id = createIngress(token, Map.of("domain", uniqueDomain(), "certificate_management_policy", Map.of()));

        api().post("/_emulator/agent_ingresses/" + id + "/certificate/issue").then().statusCode(200)
                .body("certificate_management_status.provisioning_job", nullValue())
                .body("certificate_management_status.renews_at", equalTo("2026-03-02T00:00:00Z"));
        api().get("/agent_ingresses/" + id).then().body("certificate_management_status.renews_at",
                equalTo("2026-03-02T00:00:00Z"));
    }

    @Test
    void theFailControlGivesADnsErrorWithARetryTime() {
        freeze(T0);
        String id = createIngress(token, Map.of("domain", uniqueDomain(), "certificate_management_policy", Map.of()));
        advance("30s");

        JsonPath job = api().post("/_emulator/agent_ingresses/" + id + "/certificate/fail").then().statusCode(200)
                .extract().jsonPath().setRootPath("certificate_management_status.provisioning_job");

        assertThat(job.getString("error_code")).isEqualTo("DNS_ERROR");
        assertThat(job.getString("started_at")).isEqualTo(T0);
        assertThat(job.getString("retries_at")).isEqualTo("2026-01-01T00:10:30Z");
        assertThat(job.getString("msg")).contains("NS records");
        advance("1h");
        api().get("/agent_ingresses/" + id).then()
                .body("certificate_management_status.provisioning_job.error_code", equalTo("DNS_ERROR"))
                .body("certificate_management_status.renews_at", nullValue());
    }

    @Test
    void theFailControlTakesAnInternalErrorAndAMessage() {
        String id = createIngress(token, Map.of("domain", uniqueDomain(), "certificate_management_policy", Map.of()));
        api().contentType("application/json").body(Map.of("error_code", "INTERNAL_ERROR", "msg", "try later"))
                .post("/_emulator/agent_ingresses/" + id + "/certificate/fail").then().statusCode(200)
                .body("certificate_management_status.provisioning_job.error_code", equalTo("INTERNAL_ERROR"))
                .body("certificate_management_status.provisioning_job.msg", equalTo("try later"));
    }

    @Test
    void anUnknownFailureCodeIs215() {
        String id = createIngress(token, Map.of("domain", uniqueDomain(), "certificate_management_policy", Map.of()));
        api().contentType("application/json").body(Map.of("error_code", "FLAKY"))
                .post("/_emulator/agent_ingresses/" + id + "/certificate/fail").then().statusCode(400)
                .body("error_code", equalTo("ERR_NGROK_215"));
    }

    @Test
    void certificateControlsNeedAPolicy() {
        String id = createIngress(uniqueDomain());
        api().post("/_emulator/agent_ingresses/" + id + "/certificate/issue").then().statusCode(409)
                .body("status_code", equalTo(409));
    }

    @Test
    void certificateControlsSeeOnlyTheCallersIngresses() {
        String theirs = createIngress(newToken(), Map.of("domain", uniqueDomain(), "certificate_management_policy",
                Map.of()));
        api().post("/_emulator/agent_ingresses/" + theirs + "/certificate/issue").then().statusCode(404)
                .body("msg", equalTo("Resource not found"));
    }

    @Test
    void aNewPolicyStartsProvisioningAgain() {
        freeze(T0);
        String id = createIngress(token, Map.of("domain", uniqueDomain(), "certificate_management_policy", Map.of()));
        api().post("/_emulator/agent_ingresses/" + id + "/certificate/issue").then().statusCode(200);
        advance("5m");
        apiJson(Map.of("certificate_management_policy", Map.of("private_key_type", "ecdsa")))
                .patch("/agent_ingresses/" + id).then().statusCode(200)
                .body("certificate_management_status.provisioning_job.started_at", equalTo("2026-01-01T00:05:00Z"))
                .body("certificate_management_status.renews_at", nullValue());
    }

    private void freeze(String at) {
        api().contentType("application/json").body(Map.of("at", at)).post("/_emulator/clock/freeze")
                .then().statusCode(200);
    }

    private void advance(String by) {
        api().contentType("application/json").body(Map.of("by", by)).post("/_emulator/clock/advance")
                .then().statusCode(200);
    }
}
