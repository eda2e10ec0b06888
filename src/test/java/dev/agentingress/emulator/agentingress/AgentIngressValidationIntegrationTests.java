package dev.agentingress.emulator.agentingress;

import static dev.agentingress.emulator.support.NgrokErrorAssert.assertThatNgrokError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.agentingress.emulator.support.ApiIntegrationTest;
import io.restassured.http.ContentType;

/** ngrok's answers to bad create and update bodies, and that none of them changes stored data. */
@ExtendWith(OutputCaptureExtension.class)
class AgentIngressValidationIntegrationTests extends ApiIntegrationTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "*.acme.com", "acme..com", "ac_me.com", "acme.test"})
    void invalidDomainIs6704(String domain) {
        assertThatNgrokError(apiJson(Map.of("domain", domain)).post("/agent_ingresses"))
                .isNgrokEnvelope().hasStatus(400).hasCode("ERR_NGROK_6704")
                .hasMessage("The specified domain \"" + DomainNames.normalise(domain)
                        + "\" is not a valid domain name. Enter a valid DNS name.");
    }

    @Test
    void missingDomainIs6704() {
        assertThatNgrokError(apiJson(Map.of("description", "no domain")).post("/agent_ingresses"))
                .isNgrokEnvelope().hasStatus(400).hasCode("ERR_NGROK_6704");
    }

    @Test
    void ngrokOwnedDomainIs6705() {
        assertThatNgrokError(apiJson(Map.of("domain", "connect.ngrok.app")).post("/agent_ingresses"))
                .isNgrokEnvelope().hasStatus(400).hasCode("ERR_NGROK_6705")
                .hasMessage("The agent ingress domain \"connect.ngrok.app\" must be a"
                        + " third party domain, you may not enter a domain controlled by ngrok.");
    }

    @Test
    void domainTakenByAnyAccountIs6706() {
        String domain = uniqueDomain();
        createIngress(newToken(), Map.of("domain", domain));
        assertThatNgrokError(apiJson(Map.of("domain", domain.toUpperCase())).post("/agent_ingresses"))
                .isNgrokEnvelope().hasStatus(400).hasCode("ERR_NGROK_6706")
                .hasMessage("The agent ingress domain \"" + domain + "\" already exists, choose another domain.");
    }

    /** The domain's unique index is the check, so the database refuses the insert: a client's mistake, not logged. */
    @Test
    void aTakenDomainLeavesNothingInTheLog(CapturedOutput output) {
        String domain = uniqueDomain();
        createIngress(newToken(), Map.of("domain", domain));
        int before = output.getAll().length();
        for (int i = 0; i < 3; i++) {
            assertThatNgrokError(apiJson(Map.of("domain", domain)).post("/agent_ingresses")).hasStatus(400)
                    .hasCode("ERR_NGROK_6706");
        }
        assertThat(output.getAll().substring(before)).isEmpty();
    }

    @Test
    void descriptionOver255BytesIs6700CountingUtf8Bytes() {
        String description = "é".repeat(128);
        assertThatNgrokError(apiJson(Map.of("domain", uniqueDomain(), "description", description))
                .post("/agent_ingresses")).isNgrokEnvelope().hasStatus(400).hasCode("ERR_NGROK_6700")
                .hasMessage("The description is limited to 255 characters, but the provided value had 256 characters.");
    }

    @Test
    void descriptionOfExactly255BytesIsAccepted() {
        apiJson(Map.of("domain", uniqueDomain(), "description", "x".repeat(255))).post("/agent_ingresses")
                .then().statusCode(201);
    }

    @Test
    void metadataOver4096BytesIs6701() {
        assertThatNgrokError(apiJson(Map.of("domain", uniqueDomain(), "metadata", "m".repeat(4097)))
                .post("/agent_ingresses")).isNgrokEnvelope().hasStatus(400).hasCode("ERR_NGROK_6701")
                .hasMessage("Metadata is limited to 4096 characters, but the provided value had 4097 characters.");
    }

    @Test
    void metadataOfExactly4096BytesIsAccepted() {
        apiJson(Map.of("domain", uniqueDomain(), "metadata", "m".repeat(4096))).post("/agent_ingresses")
                .then().statusCode(201);
    }

    @Test
    void unknownAuthorityIs435() {
        assertThatNgrokError(apiJson(Map.of("domain", uniqueDomain(), "certificate_management_policy",
                Map.of("authority", "zerossl"))).post("/agent_ingresses"))
                .isNgrokEnvelope().hasStatus(400).hasCode("ERR_NGROK_435")
                .hasMessage("Invalid authority specified in managed certificate policy.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"RSA", "ed25519"})
    void unknownPrivateKeyTypeIs215NamingTheField(String keyType) {
        assertThatNgrokError(apiJson(Map.of("domain", uniqueDomain(), "certificate_management_policy",
                Map.of("private_key_type", keyType))).post("/agent_ingresses"))
                .isNgrokEnvelope().hasStatus(400).hasCode("ERR_NGROK_215")
                .hasMessageStartingWith("The value provided for the request parameter "
                        + "'certificate_management_policy.private_key_type' is invalid.");
    }

    @Test
    void idInACreateBodyIs214() {
        assertThatNgrokError(apiJson(Map.of("id", "agin_x", "domain", uniqueDomain())).post("/agent_ingresses"))
                .isNgrokEnvelope().hasStatus(400).hasCode("ERR_NGROK_214")
                .hasMessageStartingWith("The request parameter 'id' is unknown and not expected."
                        + " The supported fields are: 'certificate_management_policy, description, domain, metadata'.");
    }

    @Test
    void unknownFieldInAPolicyIs214() {
        assertThatNgrokError(apiJson(Map.of("domain", uniqueDomain(), "certificate_management_policy",
                Map.of("issuer", "x"))).post("/agent_ingresses"))
                .isNgrokEnvelope().hasStatus(400).hasCode("ERR_NGROK_214")
                .hasMessageStartingWith("The request parameter 'issuer' is unknown");
    }

    @Test
    void domainInAPatchBodyIs214BecauseDomainCannotChange() {
        String id = createIngress(uniqueDomain());
        assertThatNgrokError(apiJson(Map.of("domain", uniqueDomain())).patch("/agent_ingresses/" + id))
                .isNgrokEnvelope().hasStatus(400).hasCode("ERR_NGROK_214")
                .hasMessageStartingWith("The request parameter 'domain' is unknown");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"{\"domain\": 5}", "{\"domain\": [\"a.com\"]}", "{\"domain\": \"a.com\", \"description\": 7}",
                    "{\"domain\": \"a.com\", \"description\": true}", "{\"domain\": \"a.com\", \"metadata\": {}}",
                    "{\"domain\": \"a.com\", \"certificate_management_policy\": \"rsa\"}",
                    "{\"domain\": \"a.com\", \"certificate_management_policy\": {\"authority\": 1}}"})
    void valueOfTheWrongJsonTypeIs215(String body) {
        assertThatNgrokError(api().contentType(ContentType.JSON).body(body).post("/agent_ingresses"))
                .isNgrokEnvelope().hasStatus(400).hasCode("ERR_NGROK_215");
    }

    @Test
    void wrongTypeIsReportedBeforeAnyValueRule() {
        assertThatNgrokError(api().contentType(ContentType.JSON)
                .body("{\"domain\": \"not a domain\", \"description\": 5}").post("/agent_ingresses"))
                .isNgrokEnvelope().hasStatus(400).hasCode("ERR_NGROK_215")
                .hasMessageStartingWith("The value provided for the request parameter 'description'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"domain\": }", "not json", "[]", "\"a.com\"", "{\"domain\":\"a.com\"} {}"})
    void unparsableBodyIs213(String body) {
        assertThatNgrokError(api().contentType(ContentType.JSON).body(body).post("/agent_ingresses"))
                .isNgrokEnvelope().hasStatus(400).hasCode("ERR_NGROK_213")
                .hasMessageStartingWith("The 'application/json");
    }

    @Test
    void validationComesBeforeExistenceOnPatch() {
        assertThatNgrokError(apiJson(Map.of("description", "x".repeat(300)))
                .patch("/agent_ingresses/agin_" + "0".repeat(27)))
                .isNgrokEnvelope().hasStatus(400).hasCode("ERR_NGROK_6700");
    }

    @Test
    void rejectedUpdatesChangeNothing() {
        String id = createIngress(token, Map.of("domain", uniqueDomain(), "description", "original",
                "metadata", "kept"));
        String before = api().get("/agent_ingresses/" + id).asString();
        List<Object> badBodies = List.of(Map.of("description", "x".repeat(256)),
                Map.of("description", "fine", "metadata", "m".repeat(5000)),
                Map.of("description", "fine", "certificate_management_policy", Map.of("authority", "other")),
                Map.of("description", "fine", "domain", "other.com"), "{\"description\": \"fine\", \"metadata\": 1}",
                "{\"description\": \"fine\"");
        for (Object body : badBodies) {
            api().contentType(ContentType.JSON).body(body).patch("/agent_ingresses/" + id).then().statusCode(400);
        }
        api().get("/agent_ingresses/" + id).then().statusCode(200).body(equalTo(before));
    }

    @Test
    void rejectedCreatesStoreNothing() {
        Map<String, Object> tooLong = new LinkedHashMap<>();
        tooLong.put("domain", uniqueDomain());
        tooLong.put("metadata", "m".repeat(5000));
        apiJson(tooLong).post("/agent_ingresses").then().statusCode(400);
        apiJson(Map.of("domain", tooLong.get("domain"), "certificate_management_policy", Map.of("authority", "x")))
                .post("/agent_ingresses").then().statusCode(400);
        api().get("/agent_ingresses").then().statusCode(200).body("ingresses.size()", equalTo(0));
        // the domain was not claimed by the failed attempts
        createIngress((String) tooLong.get("domain"));
    }
}
