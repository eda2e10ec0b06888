package dev.agentingress.emulator.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import dev.agentingress.emulator.support.ApiIntegrationTest;

/**
 * Tokens, accepted or refused, never reach the log, even where the answer quotes them back to the client as ngrok's
 * does (ERR_NGROK_202/203) and where lenient mode logs what a client sends.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {"emulator.api-keys=" + SecretsStayOutOfTheLogIntegrationTests.KNOWN_KEY,
        "emulator.admin-token=" + SecretsStayOutOfTheLogIntegrationTests.ADMIN_TOKEN,
        "emulator.version-header=lenient"})
class SecretsStayOutOfTheLogIntegrationTests extends ApiIntegrationTest {

    static final String KNOWN_KEY = "known-key-for-log-tests";
    static final String ADMIN_TOKEN = "admin-token-for-log-tests";
    private static final String UNKNOWN_KEY = "unknown-key-for-log-tests";
    private static final String BASIC_KEY = "basic-key-for-log-tests";

    @Test
    void noTokenIsLoggedWhateverTheAnswer(CapturedOutput output) {
        String refused = authorized(UNKNOWN_KEY).get("/agent_ingresses")
                .then().statusCode(403).extract().asString();
        anonymous().header("Authorization", "Basic " + base64(BASIC_KEY + ":")).get("/agent_ingresses")
                .then().statusCode(403);
        authorized(KNOWN_KEY).header("Ngrok-Version", "7")
                .get("/agent_ingresses").then().statusCode(200);
        authorized(KNOWN_KEY).post("/_emulator/admin/reset")
                .then().statusCode(403);
        authorized(ADMIN_TOKEN).header("Ngrok-Version", "2")
                .queryParam("limit", "x").get("/agent_ingresses").then().statusCode(400);

        assertThat(refused).as("ngrok quotes it to the client").contains(UNKNOWN_KEY);
        assertThat(output.getAll()).contains("Accepted Ngrok-Version '7'")
                .doesNotContain(UNKNOWN_KEY, BASIC_KEY, KNOWN_KEY, ADMIN_TOKEN);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
