package dev.agentingress.emulator.agentingress;

import static dev.agentingress.emulator.support.NgrokErrorAssert.assertThatNgrokError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.agentingress.emulator.support.ApiIntegrationTest;
import io.restassured.path.json.JsonPath;

/**
 * Spec §9.2.1: domain uniqueness spans accounts and holds under a race. Sixteen creates of one domain, from four
 * accounts, released at once by a start gate: exactly one 201, fifteen 400 ERR_NGROK_6706, one stored ingress.
 */
class ConcurrentCreateIntegrationTests extends ApiIntegrationTest {

    private static final int THREADS = 16;
    private static final int ACCOUNTS = 4;
    private static final int ROUNDS = 5;

    private ExecutorService pool;
    private HttpClient http;

    @BeforeEach
    void startPool() {
        pool = Executors.newFixedThreadPool(THREADS);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void racingCreatesOfOneDomainGiveExactlyOneIngress() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            race(uniqueDomain(), round);
        }
    }

    private void race(String domain, int round) throws Exception {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            tokens.add(newToken());
        }
        CountDownLatch ready = new CountDownLatch(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Outcome>> futures = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            String racer = tokens.get(i % ACCOUNTS);
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/agent_ingresses"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + racer)
                    .header("Ngrok-Version", "2")
                    .header("Content-Type", "application/json")
                    .POST(BodyPublishers.ofString("{\"domain\":\"" + domain + "\"}", StandardCharsets.UTF_8))
                    .build();
            futures.add(pool.submit(() -> {
                ready.countDown();
                start.await();
                var response = http.send(request, BodyHandlers.ofString(StandardCharsets.UTF_8));
                return new Outcome(racer, response.statusCode(), response.body());
            }));
        }
        assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
        start.countDown();
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<Outcome> future : futures) {
            outcomes.add(future.get(60, TimeUnit.SECONDS));
        }

        List<Outcome> created = outcomes.stream().filter(outcome -> outcome.status() == 201).toList();
        assertThat(created).as("round %d: %s", round, outcomes).hasSize(1);
        Outcome winner = created.get(0);
        assertThat(JsonPath.from(winner.body()).getString("domain")).isEqualTo(domain);
        List<Outcome> losers = outcomes.stream().filter(outcome -> outcome != winner).toList();
        assertThat(losers).as("round %d", round).hasSize(THREADS - 1).allSatisfy(loser -> {
            assertThatNgrokError(loser.status(), loser.body()).hasStatus(400).hasCode("ERR_NGROK_6706")
                    .hasMessageContaining(domain);
        });

        String winnerId = JsonPath.from(winner.body()).getString("id");
        for (String account : tokens) {
            List<String> domains = api(account).get("/agent_ingresses").then().statusCode(200).extract().jsonPath()
                    .getList("ingresses.domain", String.class);
            if (account.equals(winner.token())) {
                assertThat(domains).as("round %d, winner's list", round).containsExactly(domain);
                api(account).get("/agent_ingresses/" + winnerId).then().statusCode(200);
            } else {
                assertThat(domains).as("round %d, a loser's list", round).isEmpty();
            }
        }
    }

    record Outcome(String token, int status, String body) {
    }
}
