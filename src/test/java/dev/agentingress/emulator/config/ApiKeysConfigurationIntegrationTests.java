package dev.agentingress.emulator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.agentingress.emulator.AgentIngressEmulatorApplication;

/** An account name the account column cannot hold stops start-up, in one line that does not print the key. */
@ExtendWith(OutputCaptureExtension.class)
class ApiKeysConfigurationIntegrationTests {

    private static final String KEY = "secret_key_that_must_not_be_logged_0123456789";

    @Test
    void anAccountNameOver128CharactersStopsStartUpWithoutPrintingTheKey(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(AgentIngressEmulatorApplication.class)
                .run("--server.port=0", "--emulator.api-keys=" + KEY + "=" + "a".repeat(129))).isNotNull();

        assertThat(output).contains("Invalid configuration:")
                .contains("Invalid configuration: emulator.api-keys: an account name (after '=') is limited to 128"
                        + " characters")
                .doesNotContain("storable")
                .doesNotContain(KEY).doesNotContain("\tat ").doesNotContain("Agent Ingress emulator ready");
    }
}
