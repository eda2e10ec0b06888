package dev.agentingress.emulator.agentingress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.agentingress.emulator.support.ApiIntegrationTest;
import dev.agentingress.emulator.support.RawHttp;
import io.restassured.path.json.JsonPath;

/**
 * A semicolon in a path is part of its segment, as it is to ngrok's router: {@code agin_…;x=1} is not that ingress's
 * ID (Spring would read a matrix parameter and answer for the ingress), and {@code /agent_ingresses;x=1} no route.
 */
class PathParametersIntegrationTests extends ApiIntegrationTest {

    private RawHttp http;
    private String id;

    @BeforeEach
    void ingressWithCertificateManagement() {
        http = new RawHttp(port);
        id = createIngress(token, Map.of("domain", uniqueDomain(), "certificate_management_policy", Map.of()));
    }

    @ParameterizedTest
    @CsvSource({
            "GET, /agent_ingresses/{id};x=1, ''",
            "GET, /agent_ingresses/{id};, ''",
            "PATCH, /agent_ingresses/{id};x=1, '{\"description\":\"changed\"}'",
            "DELETE, /agent_ingresses/{id};x=1, ''",
            "POST, /_emulator/agent_ingresses/{id};x=1/certificate/issue, ''",
            "POST, /_emulator/agent_ingresses/{id};x=1/certificate/fail, ''"})
    void anIdWithAPathParameterNamesNoIngress(String method, String path, String body) throws Exception {
        RawHttp.Reply reply = send(method, path.replace("{id}", id), body);

        assertThat(reply.status()).as(reply.body()).isEqualTo(404);
        assertThat(JsonPath.from(reply.body()).getString("msg")).isEqualTo("Resource not found");
        api().get("/agent_ingresses/" + id).then().statusCode(200)
                .body("description", org.hamcrest.Matchers.nullValue())
                .body("certificate_management_status.provisioning_job.error_code", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void aPathParameterOnTheCollectionIsNoRoute() throws Exception {
        RawHttp.Reply reply = send("GET", "/agent_ingresses;x=1", "");

        assertThat(reply.status()).as(reply.body()).isEqualTo(404);
        assertThat(JsonPath.from(reply.body()).getString("msg")).isEqualTo("Not Found");
        assertThat(JsonPath.from(reply.body()).getString("details.path")).isEqualTo("/agent_ingresses;x=1");
    }

    @Test
    void thePlainIdStillWorks() throws Exception {
        assertThat(send("GET", "/agent_ingresses/" + id, "").status()).isEqualTo(200);
    }

    private RawHttp.Reply send(String method, String target, String body) throws Exception {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return bytes.length == 0
                ? http.send(method, target, bytes, "Authorization: Bearer " + token, "Ngrok-Version: 2")
                : http.send(method, target, bytes, "Authorization: Bearer " + token, "Ngrok-Version: 2",
                        "Content-Type: application/json");
    }
}
