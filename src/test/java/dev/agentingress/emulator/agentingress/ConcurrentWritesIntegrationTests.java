package dev.agentingress.emulator.agentingress;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.agentingress.emulator.support.ApiIntegrationTest;

/**
 * Writes to one ingress racing each other, released together by a start gate, round after round: a PATCH changes
 * only what it names and never loses another's change, and a write racing a DELETE is a 200 or a 404, never a 500.
 */
class ConcurrentWritesIntegrationTests extends ApiIntegrationTest {

    private static final int ROUNDS = 40;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void twoPatchesOfDifferentFieldsBothLand() {
        for (int round = 0; round < ROUNDS; round++) {
            String id = createIngress(uniqueDomain());
            String description = "description " + round;
            String metadata = "metadata " + round;

            List<HttpResponse<String>> responses = race(
                    patch(id, "{\"description\":\"" + description + "\"}"),
                    patch(id, "{\"metadata\":\"" + metadata + "\"}"));

            assertThat(responses).as("round %d", round).allSatisfy(response -> assertThat(response.statusCode())
                    .as(response.body()).isEqualTo(200));
            Map<String, Object> stored = json(api().get("/agent_ingresses/" + id).then().statusCode(200).extract()
                    .response());
            assertThat(stored).as("round %d", round).containsEntry("description", description)
                    .containsEntry("metadata", metadata);
        }
    }

    @Test
    void patchRacingDeleteIsAnUpdateOrANotFoundNeverAnError() {
        for (int round = 0; round < ROUNDS; round++) {
            String id = createIngress(uniqueDomain());

            List<HttpResponse<String>> responses = race(patch(id, "{\"description\":\"racing\"}"), delete(id));

            assertThat(responses.get(0).statusCode()).as("round %d: %s", round, responses.get(0).body()).isIn(200, 404);
            assertThat(responses.get(1).statusCode()).as("round %d: %s", round, responses.get(1).body()).isEqualTo(204);
            api().get("/agent_ingresses/" + id).then().statusCode(404);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"issue", "fail"})
    void certificateControlRacingDeleteIsAnUpdateOrANotFoundNeverAnError(String outcome) {
        for (int round = 0; round < ROUNDS; round++) {
            String id =
                    createIngress(token, Map.of("domain", uniqueDomain(), "certificate_management_policy", Map.of()));

            List<HttpResponse<String>> responses = race(
                    request("/_emulator/agent_ingresses/" + id + "/certificate/" + outcome).POST(
                            BodyPublishers.noBody()),
                    delete(id));

            assertThat(responses.get(0).statusCode()).as("round %d: %s", round, responses.get(0).body()).isIn(200, 404);
            assertThat(responses.get(1).statusCode()).as("round %d: %s", round, responses.get(1).body()).isEqualTo(204);
        }
    }

    private HttpRequest.Builder patch(String id, String body) {
        return request("/agent_ingresses/" + id).header("Content-Type", "application/json")
                .method("PATCH", BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }

    private HttpRequest.Builder delete(String id) {
        return request("/agent_ingresses/" + id).DELETE();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Ngrok-Version", "2");
    }

    /** Sends both requests at once, each on its own connection; the responses in the order of the requests. */
    private List<HttpResponse<String>> race(HttpRequest.Builder first, HttpRequest.Builder second) {
        List<CompletableFuture<HttpResponse<String>>> sent = Stream.of(first.build(), second.build())
                .map(request -> http.sendAsync(request, BodyHandlers.ofString(StandardCharsets.UTF_8))).toList();
        return sent.stream().map(response -> response.orTimeout(60, TimeUnit.SECONDS).join()).toList();
    }
}
