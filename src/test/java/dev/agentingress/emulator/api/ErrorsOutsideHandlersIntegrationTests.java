package dev.agentingress.emulator.api;

import static dev.agentingress.emulator.support.NgrokErrorAssert.assertThatNgrokError;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.agentingress.emulator.support.ApiIntegrationTest;
import dev.agentingress.emulator.support.RawHttp;
import io.restassured.path.json.JsonPath;

/**
 * Answers that come from Tomcat or Spring's filters rather than a handler are in ngrok's envelope too, with a real
 * operation ID, and a client's mistake is logged in one line at most.
 */
@ExtendWith(OutputCaptureExtension.class)
class ErrorsOutsideHandlersIntegrationTests extends ApiIntegrationTest {

    private RawHttp http;

    @BeforeEach
    void rawClient() {
        http = new RawHttp(port);
    }

    @Test
    void aMethodTomcatRefusesItselfGetsAnOperationId() throws Exception {
        RawHttp.Reply reply = http.send("TRACE", "/agent_ingresses", new byte[0], "Authorization: Bearer " + token,
                "Ngrok-Version: 2");

        assertEnvelope(reply, 404);
    }

    @Test
    void aRefusedCorsRequestIsInTheEnvelope() throws Exception {
        RawHttp.Reply reply = http.send("OPTIONS", "/agent_ingresses", new byte[0], "Authorization: Bearer " + token,
                "Ngrok-Version: 2", "Origin: https://app.example.com");

        assertEnvelope(reply, 403);
        assertThat(JsonPath.from(reply.body()).getString("msg")).startsWith("Invalid CORS request");
    }

    @Test
    void aWildcardContentTypeOnACorsRequestIsNoServerError() throws Exception {
        RawHttp.Reply reply = http.send("GET", "/agent_ingresses", new byte[0], "Authorization: Bearer " + token,
                "Ngrok-Version: 2", "Origin: https://app.example.com", "Content-Type: */*");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    /** Found by the fuzz: Spring reads the Content-Type of a request no handler takes, and fails on a wildcard. */
    @Test
    void aWildcardContentTypeOnAnUnknownPathOutsideTheApiIsNoServerError() throws Exception {
        RawHttp.Reply reply = http.send("GET", "/actuator/agent_ingresses",
                "%zz=%ff&a=%".getBytes(StandardCharsets.UTF_8), "Content-Type: */*");

        assertEnvelope(reply, 404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PATCH", "PUT", "DELETE"})
    void aFormBodyWithABrokenEscapeOutsideTheApiIsNoServerError(String method) throws Exception {
        RawHttp.Reply reply = http.send(method, "/actuator/health", "%zz=%ff&a=%".getBytes(StandardCharsets.UTF_8),
                "Content-Type: application/x-www-form-urlencoded");

        assertThat(reply.status()).as(reply.body()).isBetween(400, 499);
        assertEnvelope(reply, reply.status());
    }

    @Test
    void aRequestTomcatCannotParseIsLoggedWithoutAStackTrace(CapturedOutput output) throws Exception {
        RawHttp.Reply reply = http.send("GET", "/agent_ingresses/{x}", new byte[0]);

        assertEnvelope(reply, 400);
        assertThat(output.getAll()).doesNotContain("Error parsing HTTP request header").doesNotContain("\tat ");
    }

    @Test
    void aTakenDomainIsNotLoggedAsADatabaseError(CapturedOutput output) {
        String domain = uniqueDomain();
        createIngress(domain);

        apiJson(Map.of("domain", domain)).post("/agent_ingresses").then().statusCode(400);

        assertThat(output.getAll()).doesNotContain("23505").doesNotContain("Unique index");
    }

    private static void assertEnvelope(RawHttp.Reply reply, int status) {
        assertThatNgrokError(reply).isNgrokEnvelope().hasStatus(status);
    }
}
