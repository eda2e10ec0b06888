package dev.agentingress.emulator.operations;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The workload of the JDK's AOT cache training run ({@code src/main/docker/train-aot-cache.sh}): waits until the
 * emulator on {@code 127.0.0.1:PORT} is ready, then sends it what its users do (create, read, list, filter, update,
 * delete, and the usual mistakes), so the cache holds the classes and method profiles of serving requests, not only
 * of starting. Its own account is reset at the end. Exits 0 when every answer had the expected status, 1 otherwise,
 * so a broken training run fails the image build instead of shipping a cache of error paths. Uses nothing but the
 * JDK, like {@link HealthCheckCommand}.
 */
public final class TrainingRunCommand {

    private static final int ROUNDS = 40;
    /** Generous, for a loaded build machine: a server that dies ends the wait at once (the process ID argument). */
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
    private static final Pattern ID = Pattern.compile("\"id\":\"(agin_[0-9A-Za-z]+)\"");

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String base;
    private final List<String> failures = new ArrayList<>();

    private TrainingRunCommand(String base) {
        this.base = base;
    }

    /**
     * @param args the port (default: {@code PORT}, else 8080), then optionally the server's process ID: the wait for
     *             readiness ends as soon as that process has gone, rather than after two minutes
     */
    public static void main(String[] args) throws InterruptedException {
        String port = args.length > 0 ? args[0] : System.getenv().getOrDefault("PORT", "8080");
        Optional<ProcessHandle> server = args.length > 1 ? ProcessHandle.of(Long.parseLong(args[1])) : Optional.empty();
        List<String> failures = args.length > 1 && server.isEmpty()
                ? List.of("the emulator (process " + args[1] + ") had already exited")
                : train("http://127.0.0.1:" + port, () -> server.map(ProcessHandle::isAlive).orElse(true));
        failures.forEach(failure -> System.err.println("training run: " + failure));
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    /** Runs the workload against the emulator at {@code base}; returns what went wrong, nothing if all went well. */
    static List<String> train(String base) throws InterruptedException {
        return train(base, () -> true);
    }

    private static List<String> train(String base, BooleanSupplier serverAlive) throws InterruptedException {
        TrainingRunCommand training = new TrainingRunCommand(base);
        if (!training.awaitReady(serverAlive)) {
            return List.of(serverAlive.getAsBoolean()
                    ? "the emulator at " + base + " was not ready within " + READY_TIMEOUT.toSeconds() + " s"
                    : "the emulator exited before it was ready");
        }
        training.run();
        return training.failures;
    }

    private boolean awaitReady(BooleanSupplier serverAlive) throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && serverAlive.getAsBoolean()) {
            try {
                if (send(built(HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness"))))
                        .statusCode() == 200) {
                    return true;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        return false;
    }

    private void run() throws InterruptedException {
        for (int round = 0; round < ROUNDS; round++) {
            String created = expect(201, withJson(api("/agent_ingresses"), "POST",
                    "{\"domain\":\"training-" + round + ".example.com\",\"description\":\"training\","
                            + "\"metadata\":\"{\\\"round\\\":" + round + "}\"}"));
            Matcher id = ID.matcher(created);
            if (!id.find()) {
                failures.add("no id in the answer to a create: " + created);
                return;
            }
            String item = "/agent_ingresses/" + id.group(1);
            expect(200, api(item).GET());
            expect(200, withJson(api(item), "PATCH", "{\"description\":\"trained\"}"));
            expect(200, api("/agent_ingresses?limit=10").GET());
            expect(200, api("/agent_ingresses?filter="
                    + URLEncoder.encode("obj.domain.endsWith(\".example.com\")", StandardCharsets.UTF_8)).GET());
            expect(404, api("/agent_ingresses/agin_2fAr7gUyEQgX3KDd0JLC0AFfLnO").GET());
            expect(400, withJson(api("/agent_ingresses"), "POST", "{\"domain\":"));
            expect(400, HttpRequest.newBuilder(URI.create(base + "/agent_ingresses"))
                    .header("Authorization", "Bearer aot-training").GET());
            expect(204, api(item).DELETE());
        }
        expect(200, api("/_emulator/reset").POST(HttpRequest.BodyPublishers.noBody()));
    }

    private HttpRequest.Builder api(String path) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer aot-training")
                .header("Ngrok-Version", "2");
    }

    private static HttpRequest.Builder withJson(HttpRequest.Builder request, String method, String body) {
        return request.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
    }

    private String expect(int status, HttpRequest.Builder request) throws InterruptedException {
        HttpRequest built = built(request);
        try {
            HttpResponse<String> response = send(built);
            if (response.statusCode() != status) {
                failures.add(built.method() + " " + built.uri().getPath() + ": expected " + status + ", got "
                        + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            failures.add(built.method() + " " + built.uri() + ": " + e);
            return "";
        }
    }

    private static HttpRequest built(HttpRequest.Builder request) {
        return request.timeout(Duration.ofSeconds(10)).build();
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
