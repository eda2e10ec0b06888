package dev.agentingress.emulator.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import dev.agentingress.emulator.support.ApiIntegrationTest;
import io.restassured.response.Response;

/**
 * ngrok's rate limit (spec §9.4.6, §5.2): off by default; when on, an account's requests beyond the limit in a rolling
 * window get 429 ERR_NGROK_226, other accounts and the emulator's own controls untouched.
 */
class RateLimitIntegrationTests extends ApiIntegrationTest {

    private static final String COLLECTION = "/agent_ingresses";

    @Test
    void offByDefault() {
        for (int i = 0; i < 130; i++) {
            api().get(COLLECTION).then().statusCode(200);
        }
    }

    /** ngrok's own limit, 120 a minute: long enough that a slow machine still sends 120 requests inside it. */
    @Nested
    @TestPropertySource(properties = "emulator.rate-limit.enabled=true")
    class WhenEnabled {

        private static final int LIMIT = 120;

        @Test
        void requestBeyondTheLimitIs429Err226WithNgroksMessage() {
            useUpTheLimit(token);

            Response response = api().get(COLLECTION);

            assertThat(response.statusCode()).isEqualTo(429);
            assertThat(json(response)).isEqualTo(Map.of(
                    "error_code", "ERR_NGROK_226",
                    "status_code", 429,
                    "msg", "Your account is rate limited to 120 API requests per 1 minute.",
                    "details", Map.of("operation_id", response.header("Ngrok-Operation-Id"))));
        }

        @Test
        void anotherAccountIsNotLimited() {
            useUpTheLimit(token);
            api().get(COLLECTION).then().statusCode(429);

            api(newToken()).get(COLLECTION).then().statusCode(200);
        }

        @Test
        void controlsAndHealthNeitherCountNorAreLimited() {
            for (int i = 0; i < LIMIT + 10; i++) {
                authorized(token).get("/_emulator/faults").then().statusCode(200);
                anonymous().get("/actuator/health/liveness").then().statusCode(200);
            }

            useUpTheLimit(token);
            api().get(COLLECTION).then().statusCode(429);
        }

        @Test
        void versionCheckComesBeforeTheLimit() {
            useUpTheLimit(token);

            authorized(token).get(COLLECTION)
                    .then().statusCode(400);
        }

        private void useUpTheLimit(String bearerToken) {
            for (int i = 0; i < LIMIT; i++) {
                api(bearerToken).get(COLLECTION).then().statusCode(200);
            }
        }
    }

    /**
     * A short window, so that a test can wait for it to pass. Requests are sent until one is refused rather than
     * counted, so that a slow machine (whose requests straddle windows) cannot fail the tests.
     */
    @Nested
    @TestPropertySource(properties = {"emulator.rate-limit.enabled=true", "emulator.rate-limit.limit=5",
            "emulator.rate-limit.window=2s"})
    class WithAShortWindow {

        private static final Duration WINDOW = Duration.ofSeconds(2);

        @Test
        void messageNamesTheConfiguredLimitAndWindow() {
            Response refused = sendUntilRefused();

            assertThat(refused.jsonPath().getString("msg"))
                    .isEqualTo("Your account is rate limited to 5 API requests per 2 seconds.");
        }

        @Test
        void requestsSucceedAgainOnceTheWindowHasPassed() throws InterruptedException {
            sendUntilRefused();

            long deadline = System.nanoTime() + WINDOW.multipliedBy(3).toNanos();
            int status;
            do {
                Thread.sleep(100);
                status = api().get(COLLECTION).statusCode();
            } while (status == 429 && System.nanoTime() < deadline);
            assertThat(status).isEqualTo(200);
        }

        private Response sendUntilRefused() {
            for (int i = 0; i < 100; i++) {
                Response response = api().get(COLLECTION);
                if (response.statusCode() == 429) {
                    return response;
                }
                assertThat(response.statusCode()).isEqualTo(200);
            }
            throw new AssertionError("100 requests and none refused");
        }
    }
}
