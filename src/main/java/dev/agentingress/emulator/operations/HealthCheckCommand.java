package dev.agentingress.emulator.operations;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The container's health check, run as its own small JVM ({@code java -cp app.jar ...}, in the folder the image runs
 * from) because the JRE image has no curl: exits 0 when readiness on the configured port ({@code PORT}, else
 * {@code SERVER_PORT}, else 8080) answers 200, 1 otherwise. Uses nothing but the JDK. Public, as the Dockerfile's
 * {@code HEALTHCHECK} names it.
 */
public final class HealthCheckCommand {

    private HealthCheckCommand() {
    }

    public static void main(String[] args) {
        String port = firstSet(System.getenv("PORT"), System.getenv("SERVER_PORT"), "8080");
        URI readiness = URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
        try {
            HttpResponse<Void> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()
                    .send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(3)).build(),
                            HttpResponse.BodyHandlers.discarding());
            System.exit(response.statusCode() == 200 ? 0 : 1);
        } catch (Exception e) {
            System.err.println("not ready: " + readiness + ": " + e);
            System.exit(1);
        }
    }

    private static String firstSet(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        throw new IllegalStateException("unreachable: the last value is a default");
    }
}
