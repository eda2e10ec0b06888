package dev.agentingress.emulator.agentingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.agentingress.emulator.support.ApiIntegrationTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** ngrok's answers to bad create and update bodies, and that none of them changes stored data. */
class AgentIngressValidationIntegrationTests extends ApiIntegrationTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "*.acme.com", "acme..com", "ac_me.com", "acme.test"})
    void invalidDomainIs6704(String domain) {
        assertNgrokError(apiJson(Map.of("domain", domain)).post("/agent_ingresses"), 400, "ERR_NGROK_6704")
                .then().body("msg", equalTo("The specified domain \"" + DomainNames.normalise(domain)
                        + "\" is not a valid domain name. Enter a valid DNS name."));
    }

    @Test
    void missingDomainIs6704() {
        assertNgrokError(apiJson(Map.of("description", "no domain")).post("/agent_ingresses"), 400, "ERR_NGROK_6704");
    }

    @Test
    void ngrokOwnedDomainIs6705() {
        assertNgrokError(apiJson(Map.of("domain", "connect.ngrok.app")).post("/agent_ingresses"), 400,
                "ERR_NGROK_6705").then().body("msg", equalTo("The agent ingress domain \"connect.ngrok.app\" must be a"
                        + " third party domain, you may not enter a domain controlled by ngrok."));
    }

    @Test
    void domainTakenByAnyAccountIs6706() {
        String domain = uniqueDomain();
        createIngress(newToken(), Map.of("domain", domain));
        assertNgrokError(apiJson(Map.of("domain", domain.toUpperCase())).post("/agent_ingresses"), 400,
                "ERR_NGROK_6706").then().body("msg",
                        equalTo("The agent ingress domain \"" + domain + "\" already exists, choose another domain."));
    }

    @Test
    void descriptionOver255BytesIs6700CountingUtf8Bytes() {
        String description = "é".repeat(128);
        assertNgrokError(apiJson(Map.of("domain", uniqueDomain(), "description", description))
                .post("/agent_ingresses"), 400, "ERR_NGROK_6700").then().body("msg",
                        equalTo("The description is limited to 255 characters, but the provided value had 256 characters."));
    }

    @Test
    void descriptionOfExactly255BytesIsAccepted() {
        apiJson(Map.of("domain", uniqueDomain(), "description", "x".repeat(255))).post("/agent_ingresses")
                .then().statusCode(201);
    }

    @Test
    void metadataOver4096BytesIs6701() {
        assertNgrokError(apiJson(Map.of("domain", uniqueDomain(), "metadata", "m".repeat(4097)))
                .post("/agent_ingresses"), 400, "ERR_NGROK_6701").then().body("msg",
                        equalTo("Metadata is limited to 4096 characters, but the provided value had 4097 characters."));
    }

    @Test
    void metadataOfExactly4096BytesIsAccepted() {
        apiJson(Map.of("domain", uniqueDomain(), "metadata", "m".repeat(4096))).post("/agent_ingresses")
                .then().statusCode(201);
    }

    @Test
    void unknownAuthorityIs435() {
        assertNgrokError(apiJson(Map.of("domain", uniqueDomain(), "certificate_management_policy",
                Map.of("authority", "zerossl"))).post("/agent_ingresses"), 400, "ERR_NGROK_435")
                .then().body("msg", equalTo("Invalid authority specified in managed certificate policy."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"RSA", "ed25519"})
    void unknownPrivateKeyTypeIs215NamingTheField(String keyType) {
        assertNgrokError(apiJson(Map.of("domain", uniqueDomain(), "certificate_management_policy",
                Map.of("private_key_type", keyType))).post("/agent_ingresses"), 400, "ERR_NGROK_215")
                .then().body("msg", startsWith(
                        "The value provided for the request parameter 'certificate_management_policy.private_key_type' is invalid."));
    }

    @Test
    void idInACreateBodyIs214() {
        assertNgrokError(apiJson(Map.of("id", "agin_x", "domain", uniqueDomain())).post("/agent_ingresses"), 400,
                "ERR_NGROK_214").then().body("msg", startsWith("The request parameter 'id' is unknown and not expected."
                        + " The supported fields are: 'certificate_management_policy, description, domain, metadata'."));
    }

    @Test
    void unknownFieldInAPolicyIs214() {
        assertNgrokError(apiJson(Map.of("domain", uniqueDomain(), "certificate_management_policy",
                Map.of("issuer", "x"))).post("/agent_ingresses"), 400, "ERR_NGROK_214")
                .then().body("msg", startsWith("The request parameter 'issuer' is unknown"));
    }

    @Test
    void domainInAPatchBodyIs214BecauseDomainCannotChange() {
        String id = createIngress(uniqueDomain());
        assertNgrokError(apiJson(Map.of("domain", uniqueDomain())).patch("/agent_ingresses/" + id), 400,
                "ERR_NGROK_214").then().body("msg", startsWith("The request parameter 'domain' is unknown"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"domain\": 5}", "{\"domain\": [\"a.com\"]}", "{\"domain\": \"a.com\", \"description\": 7}",
            "{\"domain\": \"a.com\", \"description\": true}", "{\"domain\": \"a.com\", \"metadata\": {}}",
            "{\"domain\": \"a.com\", \"certificate_management_policy\": \"rsa\"}",
            "{\"domain\": \"a.com\", \"certificate_management_policy\": {\"authority\": 1}}"})
    void valueOfTheWrongJsonTypeIs215(String body) {
        assertNgrokError(api().contentType(ContentType.JSON).body(body).post("/agent_ingresses"), 400,
                "ERR_NGROK_215");
    }

    @Test
    void wrongTypeIsReportedBeforeAnyValueRule() {
        assertNgrokError(api().contentType(ContentType.JSON)
                .body("{\"domain\": \"not a domain\", \"description\": 5}").post("/agent_ingresses"), 400,
                "ERR_NGROK_215").then().body("msg", startsWith("The value provided for the request parameter 'description'"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"domain\": }", "not json", "[]", "\"a.com\"", "{\"domain\":\"a.com\"} {}"})
    void unparsableBodyIs213(String body) {
        assertNgrokError(api().contentType(ContentType.JSON).body(body).post("/agent_ingresses"), 400,
                "ERR_NGROK_213").then().body("msg", startsWith("The 'application/json"));
    }

    @Test
    void validationComesBeforeExistenceOnPatch() {
        assertNgrokError(apiJson(Map.of("description", "x".repeat(300)))
                .patch("/agent_ingresses/agin_" + "0".repeat(27)), 400, "ERR_NGROK_6700");
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

    private static Response assertNgrokError(Response response, int status, String errorCode) {
        response.then().statusCode(status).contentType("application/json").body("error_code", equalTo(errorCode))
                .body("status_code", equalTo(status))
                .body("details.operation_id", equalTo(response.header("Ngrok-Operation-Id")));
        assertThat(json(response)).containsOnlyKeys("error_code", "status_code", "msg", "details");
        return response;
    }
}
