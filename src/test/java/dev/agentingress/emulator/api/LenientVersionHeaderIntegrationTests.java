package dev.agentingress.emulator.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import dev.agentingress.emulator.support.ApiIntegrationTest;

/**
 * {@code emulator.version-header=lenient}: any {@code Ngrok-Version}, none included, is accepted, and each value ngrok
 * would refuse is logged once. Strict mode, the default, is tested with ngrok's other request checks.
 */
@TestPropertySource(properties = "emulator.version-header=lenient")
@ExtendWith(OutputCaptureExtension.class)
class LenientVersionHeaderIntegrationTests extends ApiIntegrationTest {

    private static final String COLLECTION = "/agent_ingresses";

    @Test
    void missingVersionIsAccepted() {
        authorized(token).get(COLLECTION).then().statusCode(200);
    }

    @Test
    void versionOneIsAccepted() {
        authorized(token).header("Ngrok-Version", "1").get(COLLECTION)
                .then().statusCode(200);
    }

    @Test
    void versionTwoIsAccepted() {
        api().get(COLLECTION).then().statusCode(200);
    }

    @Test
    void eachRefusedVersionIsLoggedOnce(CapturedOutput output) {
        String version = "v" + UUID.randomUUID();

        for (int i = 0; i < 3; i++) {
            authorized(token).header("Ngrok-Version", version).get(COLLECTION)
                    .then().statusCode(200);
        }

        assertThat(output.getOut().split("Accepted Ngrok-Version '" + version + "'", -1)).hasSize(2);
    }

    @Test
    void authenticationIsStillChecked() {
        anonymous().get(COLLECTION).then().statusCode(403);
    }
}
