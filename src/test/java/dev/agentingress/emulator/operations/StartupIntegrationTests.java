package dev.agentingress.emulator.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.agentingress.emulator.AgentIngressEmulatorApplication;

/** What the process says as it starts: the fixed ready line, or one clear line for a bad setting. */
@ExtendWith(OutputCaptureExtension.class)
class StartupIntegrationTests {

    @Test
    void logsTheFixedReadyLineWithThePortOnceItTakesRequests(CapturedOutput output) {
        // in memory whatever the suite runs on (its PostgreSQL pass sets a datasource for every test)
        try (ConfigurableApplicationContext context = start("--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:ready-line;DB_CLOSE_DELAY=-1")) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            assertThat(output.getOut()).contains("Agent Ingress emulator ready on port " + port + ": http://localhost:"
                    + port + "; state: in memory (gone when the process ends); API keys: open (every token is an"
                    + " account of its own)");
        }
    }

    @Test
    void aNormalStartPrintsNoWarning(CapturedOutput output) {
        try (ConfigurableApplicationContext context = start("--server.port=0")) {
            assertThat(output.getOut()).contains("Agent Ingress emulator ready");
            assertThat(output.getAll().lines().filter(line -> line.contains(" WARN ") || line.contains("WARNING")))
                    .isEmpty();
        }
    }

    @Test
    void aFailedStartIsOneLineOnStandardErrorInsteadOfBootsReport(CapturedOutput output) {
        assertThatThrownBy(() -> start("--server.port=0", "--emulator.regions=us,EU West")).isNotNull();
        assertThat(output.getErr().lines()).containsExactly("Agent Ingress emulator failed to start: Invalid"
                + " configuration: emulator.regions[1] = 'EU West' must be a region code such as us or us-cal-1. Fix the"
                + " value (each emulator.* property is also an EMULATOR_* environment variable; the README lists them).");
        assertThat(output).doesNotContain("APPLICATION FAILED TO START").doesNotContain(" WARN ");
    }

    @Test
    void aBadRegionStopsStartUpWithOneLineNamingIt(CapturedOutput output) {
        assertThatThrownBy(() -> start("--server.port=0", "--emulator.regions=us,EU West")).isNotNull();
        assertThat(output).contains("Invalid configuration: emulator.regions[1] = 'EU West' must be a region code"
                + " such as us or us-cal-1");
        assertThat(output).doesNotContain("\tat ").doesNotContain("Agent Ingress emulator ready");
    }

    @Test
    void aBadPublicBaseUrlStopsStartUpWithOneLineNamingIt(CapturedOutput output) {
        assertThatThrownBy(() -> start("--server.port=0", "--emulator.public-base-url=localhost:8080")).isNotNull();
        assertThat(output).contains("Invalid configuration: emulator.public-base-url = 'localhost:8080' must be an"
                + " absolute http or https URL without a query");
        assertThat(output).doesNotContain("\tat ");
    }

    @Test
    void anNsTargetWithoutTheTrailingDotStopsStartUp(CapturedOutput output) {
        assertThatThrownBy(() -> start("--server.port=0", "--emulator.ns-targets=ns1.example.com")).isNotNull();
        assertThat(output).contains("emulator.ns-targets[0] = 'ns1.example.com' must be a fully qualified name ending"
                + " in a dot");
    }

    @Test
    void aDataDirectoryH2WouldRefuseStopsStartUp(CapturedOutput output) {
        assertThatThrownBy(() -> start("--server.port=0", "--emulator.data-dir=data")).isNotNull();
        assertThat(output).contains("emulator.data-dir = 'data' must be absolute or start with ./");
    }

    @Test
    void aRejectedAdminTokenIsNamedButNotShown(CapturedOutput output) {
        assertThatThrownBy(() -> start("--server.port=0", "--emulator.admin-token=too-short-0123")).isNotNull();
        assertThat(output).contains("Invalid configuration: emulator.admin-token = (a secret, not shown) must be 16 to"
                + " 512 characters without spaces");
        assertThat(output).doesNotContain("too-short-0123");
    }

    @Test
    void aRejectedApiKeyIsNamedButNotShown(CapturedOutput output) {
        assertThatThrownBy(() -> start("--server.port=0", "--emulator.api-keys=fine-key,key-secret-42=team=a"))
                .isNotNull();
        assertThat(output).contains("emulator.api-keys[1] = (a secret, not shown) must be key or key=account");
        assertThat(output).doesNotContain("key-secret-42").doesNotContain("\tat ");
    }

    @Test
    void aSeedTokenThatIsNoConfiguredKeyIsNamedButNotShown(CapturedOutput output) {
        assertThatThrownBy(() -> start("--server.port=0", "--emulator.api-keys=configured-key",
                "--emulator.seed.path=./seed.json", "--emulator.seed.token=seed-secret-77")).isNotNull();
        assertThat(output).contains("emulator.seed.token is not an accepted API key");
        assertThat(output).doesNotContain("seed-secret-77").doesNotContain("\tat ");
    }

    private static ConfigurableApplicationContext start(String... args) {
        return new SpringApplicationBuilder(AgentIngressEmulatorApplication.class).run(args);
    }
}
