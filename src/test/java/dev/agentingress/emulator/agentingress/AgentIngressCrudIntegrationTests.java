package dev.agentingress.emulator.agentingress;

import static dev.agentingress.emulator.support.NgrokErrorAssert.assertThatNgrokError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.agentingress.emulator.ids.Ksuid;
import dev.agentingress.emulator.support.ApiIntegrationTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Create, get, update and delete over HTTP, with the JSON asserted exactly where ngrok's shape matters. Which IDs the
 * service gives and what another account sees are AgentIngressListServiceTests'.
 */
class AgentIngressCrudIntegrationTests extends ApiIntegrationTest {

    private static final List<String> NS_TARGETS = List.of("ns1.agent-ingress.emulator.invalid.",
            "ns2.agent-ingress.emulator.invalid.", "ns3.agent-ingress.emulator.invalid.",
            "ns4.agent-ingress.emulator.invalid.");
    private static final List<String> REGIONS = List.of("us", "eu", "ap", "au", "sa", "jp", "in");

    @Test
    void createAnswers201WithTheWholeIngressInNgroksShape() {
        String domain = uniqueDomain();
        Response response = apiJson(Map.of("domain", domain, "description", "Custom connect URL",
                "metadata", "{\"team\":\"edge\"}")).post("/agent_ingresses");

        response.then().statusCode(201).contentType("application/json");
        String id = response.path("id");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("certificate_management_policy", null);
        expected.put("certificate_management_status", null);
        expected.put("created_at", Ksuid.timestampOf(id.substring(5)).toString());
        expected.put("description", "Custom connect URL");
        expected.put("domain", domain);
        expected.put("id", id);
        expected.put("metadata", "{\"team\":\"edge\"}");
        expected.put("ns_targets", NS_TARGETS);
        expected.put("region_domains", REGIONS.stream().map(region -> "tunnel." + region + "." + domain).toList());
        expected.put("uri", "/agent_ingresses/" + id);
        assertThat(json(response)).isEqualTo(expected);
    }

    @Test
    void responseKeysAreSnakeCaseInAlphabeticalOrder() {
        String body = apiJson(Map.of("domain", uniqueDomain(), "description", "d", "metadata", "m"))
                .post("/agent_ingresses").then().statusCode(201).extract().asString();
        List<String> keys = List.of("certificate_management_policy", "certificate_management_status", "created_at",
                "description", "domain", "id", "metadata", "ns_targets", "region_domains", "uri");
        int previous = -1;
        for (String key : keys) {
            int position = body.indexOf("\"" + key + "\":");
            assertThat(position).as(key).isGreaterThan(previous);
            previous = position;
        }
    }

    @Test
    void idIsAginAndAKsuidWhoseTimeIsCreatedAt() {
        Instant before = Instant.now().minusSeconds(1);
        JsonPath created = apiJson(Map.of("domain", uniqueDomain())).post("/agent_ingresses")
                .then().statusCode(201).extract().jsonPath();
        String id = created.getString("id");
        assertThat(id).hasSize(32).matches("agin_[0-9A-Za-z]{27}");
        Instant createdAt = Instant.parse(created.getString("created_at"));
        assertThat(created.getString("created_at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(createdAt).isEqualTo(Ksuid.timestampOf(id.substring(5)));
        assertThat(createdAt).isBetween(before.truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                Instant.now().plus(Duration.ofSeconds(1)));
    }

    @Test
    void emptyDescriptionAndMetadataAreLeftOutAsNgrokDoes() {
        Map<String, Object> created = json(apiJson(Map.of("domain", uniqueDomain(), "description", "", "metadata", ""))
                .post("/agent_ingresses").then().statusCode(201).extract().response());
        assertThat(created).doesNotContainKeys("description", "metadata")
                .containsEntry("certificate_management_policy", null)
                .containsEntry("certificate_management_status", null);
    }

    @Test
    void domainIsStoredNormalised() {
        String domain = uniqueDomain();
        apiJson(Map.of("domain", "  " + domain.toUpperCase() + ".  ")).post("/agent_ingresses")
                .then().statusCode(201).body("domain", equalTo(domain))
                .body("region_domains[0]", equalTo("tunnel.us." + domain));
    }

    @Test
    void getAnswersTheSameJsonAsCreate() {
        String created = apiJson(Map.of("domain", uniqueDomain(), "description", "d"))
                .post("/agent_ingresses").then().statusCode(201).extract().asString();
        String id = JsonPath.from(created).getString("id");
        api().get("/agent_ingresses/" + id).then().statusCode(200).body(equalTo(created));
    }

    @Test
    void certificatePolicyGetsNgrokDefaultsAndStartsProvisioning() {
        JsonPath created = apiJson(Map.of("domain", uniqueDomain(), "certificate_management_policy", Map.of()))
                .post("/agent_ingresses").then().statusCode(201).extract().jsonPath();
        assertThat(created.getMap("certificate_management_policy"))
                .isEqualTo(Map.of("authority", "letsencrypt", "private_key_type", "rsa"));
        Map<String, Object> status = created.getMap("certificate_management_status");
        assertThat(status).containsEntry("renews_at", null).containsOnlyKeys("renews_at", "provisioning_job");
        Map<String, Object> job = created.getMap("certificate_management_status.provisioning_job");
        assertThat(job).containsOnlyKeys("error_code", "msg", "started_at", "retries_at")
                .containsEntry("error_code", null).containsEntry("retries_at", null)
                .containsEntry("msg", "Managed certificate provisioning in progress.");
        assertThat(Instant.parse((String) job.get("started_at")))
                .isBetween(Instant.now().minusSeconds(5), Instant.now().plusSeconds(1));
    }

    @Test
    void emptyPolicyStringsCountAsMissingAsTheJavaClientSendsThem() {
        apiJson(Map.of("domain", uniqueDomain(), "certificate_management_policy",
                Map.of("authority", "", "private_key_type", "")))
                .post("/agent_ingresses").then().statusCode(201)
                .body("certificate_management_policy.authority", equalTo("letsencrypt"))
                .body("certificate_management_policy.private_key_type", equalTo("rsa"));
    }

    @Test
    void ecdsaPolicyIsKept() {
        apiJson(Map.of("domain", uniqueDomain(), "certificate_management_policy",
                Map.of("authority", "letsencrypt", "private_key_type", "ecdsa")))
                .post("/agent_ingresses").then().statusCode(201)
                .body("certificate_management_policy.private_key_type", equalTo("ecdsa"));
    }

    @Test
    void patchChangesOnlyTheFieldsItNames() {
        String id = createIngress(token, Map.of("domain", uniqueDomain(), "description", "before", "metadata", "keep"));
        apiJson(Map.of("description", "after")).patch("/agent_ingresses/" + id)
                .then().statusCode(200).body("description", equalTo("after")).body("metadata", equalTo("keep"));
        api().get("/agent_ingresses/" + id).then().body("description", equalTo("after"))
                .body("metadata", equalTo("keep"));
    }

    @Test
    void patchWithAnEmptyStringClearsTheField() {
        String id = createIngress(token, Map.of("domain", uniqueDomain(), "description", "before", "metadata", "m"));
        Map<String, Object> updated = json(apiJson(Map.of("description", "")).patch("/agent_ingresses/" + id)
                .then().statusCode(200).extract().response());
        assertThat(updated).doesNotContainKey("description").containsEntry("metadata", "m");
    }

    @Test
    void emptyPatchAnswersTheUnchangedIngress() {
        String id = createIngress(token, Map.of("domain", uniqueDomain(), "description", "d"));
        String before = api().get("/agent_ingresses/" + id).asString();
        apiJson(Map.of()).patch("/agent_ingresses/" + id).then().statusCode(200).body(equalTo(before));
    }

    @Test
    void patchAcceptsAndIgnoresTheIdTheTypeScriptClientSends() {
        String id = createIngress(uniqueDomain());
        apiJson(Map.of("id", "agin_somethingElse", "description", "ts")).patch("/agent_ingresses/" + id)
                .then().statusCode(200).body("id", equalTo(id)).body("description", equalTo("ts"));
    }

    @Test
    void patchSetsAPolicyAndExplicitNullTurnsManagementOff() {
        String id = createIngress(uniqueDomain());
        apiJson(Map.of("certificate_management_policy", Map.of("private_key_type", "ecdsa")))
                .patch("/agent_ingresses/" + id).then().statusCode(200)
                .body("certificate_management_policy.private_key_type", equalTo("ecdsa"))
                .body("certificate_management_status.provisioning_job.msg",
                        equalTo("Managed certificate provisioning in progress."));
        Map<String, Object> off = new LinkedHashMap<>();
        off.put("certificate_management_policy", null);
        apiJson(off).patch("/agent_ingresses/" + id).then().statusCode(200)
                .body("certificate_management_policy", nullValue())
                .body("certificate_management_status", nullValue());
    }

    @Test
    void patchWithoutThePolicyKeyLeavesThePolicyAlone() {
        String id = createIngress(token, Map.of("domain", uniqueDomain(), "certificate_management_policy",
                Map.of("private_key_type", "ecdsa")));
        apiJson(Map.of("metadata", "x")).patch("/agent_ingresses/" + id).then().statusCode(200)
                .body("certificate_management_policy.private_key_type", equalTo("ecdsa"));
    }

    @Test
    void deleteAnswers204WithNoBodyAndTheIngressIsGone() {
        String id = createIngress(uniqueDomain());
        api().delete("/agent_ingresses/" + id).then().statusCode(204).body(emptyString());
        api().get("/agent_ingresses/" + id).then().statusCode(404);
        api().delete("/agent_ingresses/" + id).then().statusCode(404);
    }

    @Test
    void missingIdAnswersNgroksPlain404OnEveryOperation() {
        String missing = "agin_" + "0".repeat(27);
        for (Response response : List.of(api().get("/agent_ingresses/" + missing),
                apiJson(Map.of("description", "x")).patch("/agent_ingresses/" + missing),
                api().delete("/agent_ingresses/" + missing), api().get("/agent_ingresses/not-an-id"))) {
            assertThatNgrokError(response).isNgrokEnvelope().hasStatus(404).hasNoCode().hasMessage("Resource not found")
                    .hasOnlyDetailKeys("operation_id");
        }
    }
}
