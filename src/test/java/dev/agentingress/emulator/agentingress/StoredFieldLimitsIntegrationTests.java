package dev.agentingress.emulator.agentingress;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.agentingress.emulator.support.ApiIntegrationTest;
import io.restassured.http.ContentType;

/**
 * Every value is checked against what its column holds before it is written: a value the database would refuse is a
 * 400 naming the field, never a 500, and never mistaken for a taken domain (6706).
 */
class StoredFieldLimitsIntegrationTests extends ApiIntegrationTest {

    private static final String CONTROLS = "/_emulator/agent_ingresses";
    private static final String JOB = "certificate_management_status.provisioning_job.";

    @Test
    void aCertificateFailureMessageOver255CharactersIs400NamingTheLimit() {
        String id = managedIngress();

        apiJson(Map.of("msg", "m".repeat(256))).post(CONTROLS + "/" + id + "/certificate/fail").then().statusCode(400)
                .body("msg", equalTo("'msg' must be at most 255 characters, not a text of 256 characters. "
                        + "See docs/controls.md#certificates."));
        api().get("/agent_ingresses/" + id).then().body(JOB + "error_code", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void aCertificateFailureMessageOf255CharactersIsKept() {
        String id = managedIngress();

        apiJson(Map.of("msg", "m".repeat(255))).post(CONTROLS + "/" + id + "/certificate/fail").then().statusCode(200)
                .body(JOB + "msg", equalTo("m".repeat(255)));
    }

    @Test
    void importingAJobMessageOver255CharactersIs400NamingTheFieldNotATakenDomain() {
        importOne(Map.of("domain", uniqueDomain(), "certificate_management_policy", Map.of(),
                "certificate_management_status", Map.of("provisioning_job", Map.of("msg", "m".repeat(300),
                        "started_at", "2025-09-04T10:11:37Z"))))
                .then().statusCode(400)
                .body("msg", startsWith("The value provided for the request parameter '" + JOB + "msg' is limited to "
                        + "255 characters"))
                .body("details.item", equalTo("ingresses[0]"));
        assertNothingImported();
    }

    @Test
    void importingAJobErrorCodeOver32CharactersIs400NamingTheField() {
        importOne(Map.of("domain", uniqueDomain(), "certificate_management_policy", Map.of(),
                "certificate_management_status", Map.of("provisioning_job", Map.of("error_code", "E".repeat(33),
                        "msg", "m", "started_at", "2025-09-04T10:11:37Z"))))
                .then().statusCode(400).body("msg", startsWith("The value provided for the request parameter '" + JOB
                        + "error_code' is limited to 32 characters"));
        assertNothingImported();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1970-01-01T00:00:00Z", "2200-01-01T00:00:00Z"})
    void importingACreationTimeNoIdCanHoldIs400(String createdAt) {
        importOne(Map.of("domain", uniqueDomain(), "created_at", createdAt)).then().statusCode(400)
                .body("msg", equalTo("The created_at " + createdAt + " is outside the times an ID can hold, from "
                        + "2014-05-13T16:53:20Z to 2150-06-19T23:21:35Z."));
        assertNothingImported();
    }

    @Test
    void importingATimeBeyondYear9999Is215() {
        importOne(Map.of("domain", uniqueDomain(), "certificate_management_policy", Map.of(),
                "certificate_management_status", Map.of("renews_at", "+20000-01-01T00:00:00Z")))
                .then().statusCode(400).body("error_code", equalTo("ERR_NGROK_215"));
        assertNothingImported();
    }

    @ParameterizedTest
    @ValueSource(strings = {"description", "metadata"})
    void aNulCharacterNoDatabaseStoresAlikeIs215(String field) {
        apiJson(Map.of("domain", uniqueDomain(), field, "a\u0000b")).post("/agent_ingresses").then().statusCode(400)
                .body("error_code", equalTo("ERR_NGROK_215")).body("msg", startsWith("The value provided for the "
                        + "request parameter '" + field + "' is invalid."));
    }

    @Test
    void aTakenDomainIsStill6706OnCreateAndImport() {
        String domain = uniqueDomain();
        createIngress(newToken(), Map.of("domain", domain));

        apiJson(Map.of("domain", domain)).post("/agent_ingresses").then().statusCode(400)
                .body("error_code", equalTo("ERR_NGROK_6706"));
        importOne(Map.of("domain", domain)).then().statusCode(400).body("error_code", equalTo("ERR_NGROK_6706"));
    }

    private String managedIngress() {
        return createIngress(token, Map.of("domain", uniqueDomain(), "certificate_management_policy", Map.of()));
    }

    private io.restassured.response.Response importOne(Map<String, ?> item) {
        return api().contentType(ContentType.JSON).body(Map.of("ingresses", List.of(item))).post(CONTROLS);
    }

    private void assertNothingImported() {
        api().get("/agent_ingresses").then().statusCode(200).body("ingresses.size()", equalTo(0));
    }
}
