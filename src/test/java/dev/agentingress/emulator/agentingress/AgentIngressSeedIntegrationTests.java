package dev.agentingress.emulator.agentingress;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.agentingress.emulator.AgentIngressEmulatorApplication;
import dev.agentingress.emulator.support.Unique;

/** Ingresses loaded from {@code emulator.seed.*} at start-up, each start on its own database. */
@ExtendWith(OutputCaptureExtension.class)
class AgentIngressSeedIntegrationTests {

    private static final String TOKEN = "seed-owner-key";

    @TempDir
    Path directory;

    private final String database = "jdbc:h2:mem:seed-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    @Test
    void aSeedDirectoryIsLoadedIntoTheTokensAccountInFileNameOrder() throws IOException {
        String a = Unique.domain("seed-a");
        String b = Unique.domain("seed-b");
        Files.writeString(directory.resolve("1-first.json"), "{\"ingresses\": [{\"domain\": \"" + a + "\"}]}");
        Files.writeString(directory.resolve("2-second.json"), "{\"ingresses\": [{\"domain\": \"" + b + "\"}]}");
        Files.writeString(directory.resolve("notes.txt"), "not a seed");

        try (ConfigurableApplicationContext emulator = start(directory)) {
            assertThat(domains(emulator, TOKEN)).containsExactly(b, a);
            assertThat(domains(emulator, "someone-else")).isEmpty();
        }
    }

    @Test
    void seedingAgainOnTheSameDatabaseChangesNothing() throws IOException {
        Path file = directory.resolve("seed.json");
        Files.writeString(file, "{\"ingresses\": [{\"id\": \"agin_32ELHcC7y5A5ZDbW5prn13UplVf\", \"domain\": \"seed-"
                + UUID.randomUUID().toString().substring(0, 8) + ".acme-test.com\"}]}");
        try (ConfigurableApplicationContext first = start(file)) {
            assertThat(domains(first, TOKEN)).hasSize(1);
        }
        try (ConfigurableApplicationContext second = start(file)) {
            assertThat(domains(second, TOKEN)).hasSize(1);
        }
    }

    @Test
    void aBadSeedStopsStartUpWithOneLineNamingTheFileAndTheItem(CapturedOutput output) throws IOException {
        Path file = directory.resolve("bad.json");
        Files.writeString(file, "{\"ingresses\": [{\"domain\": \"ok-" + UUID.randomUUID().toString().substring(0, 8)
                + ".acme-test.com\"}, {\"domain\": \"not a domain\"}]}");

        assertThatThrownBy(() -> start(file)).isNotNull();

        assertThat(output).contains("Invalid seed " + file).contains("ingresses[1]")
                .contains("not a valid domain name");
        assertThat(output).doesNotContain("\tat ");
    }

    private ConfigurableApplicationContext start(Path seed) {
        return new SpringApplicationBuilder(AgentIngressEmulatorApplication.class).run("--server.port=0",
                "--spring.datasource.url=" + database, "--emulator.seed.path=" + seed,
                "--emulator.seed.token=" + TOKEN);
    }

    private static List<String> domains(ConfigurableApplicationContext emulator, String token) {
        int port = ((WebServerApplicationContext) emulator).getWebServer().getPort();
        return given().port(port).header("Authorization", "Bearer " + token).header("Ngrok-Version", "2")
                .get("/agent_ingresses").then().statusCode(200).extract().path("ingresses.domain");
    }
}
