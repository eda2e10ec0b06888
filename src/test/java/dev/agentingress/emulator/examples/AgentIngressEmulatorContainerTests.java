package dev.agentingress.emulator.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The emulator's image (docker build -t agent-ingress-emulator . in its repository) in a JUnit 5 test. Needs
 * org.testcontainers:testcontainers-junit-jupiter (2.x) and AssertJ, test scope. Skipped where no Docker runs.
 */
@Testcontainers(disabledWithoutDocker = true)
class AgentIngressEmulatorContainerTests {

    /** Static: started once before the class's first test and stopped after its last, by the extension. */
    @Container
    static final GenericContainer<?> emulator = new GenericContainer<>("agent-ingress-emulator")
            .withExposedPorts(8080)
            .waitingFor(Wait.forLogMessage(".*Agent Ingress emulator ready.*", 1));

    @Test
    void createsAnAgentIngress() throws Exception {
        String baseUrl = "http://" + emulator.getHost() + ":" + emulator.getMappedPort(8080);
        // point ngrok's client here instead, e.g. in Java:
        // new Ngrok(DefaultNgrokApiClient.newBuilder("any-key").baseUri(URI.create(baseUrl)).build())
        HttpRequest create = HttpRequest.newBuilder(URI.create(baseUrl + "/agent_ingresses"))
                // open mode: any key works and is an account of its own, so each test starts from an empty one
                .header("Authorization", "Bearer createsAnAgentIngress")
                .header("Ngrok-Version", "2")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"domain\":\"connect.example.com\"}"))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(create, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(201);
    }
}
