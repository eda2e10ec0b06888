package dev.agentingress.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.agentingress.emulator.support.Unique;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The durable mode end to end: the emulator runs as a JVM of its own on a data directory, is stopped (gracefully, or
 * with SIGKILL in the middle of a load of writes) and started again on the same directory. The store must open, and
 * every write a client saw acknowledged must be there; a write without an answer may have landed or not.
 */
class DurableModeRestartIntegrationTests {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final int CLIENTS = 4;
    private static final int WRITES_PER_CLIENT = 200;
    /** The kill comes after this many acknowledged writes, about half of the most the clients can make. */
    private static final int KILL_AFTER_ACKNOWLEDGED = 350;

    @TempDir
    Path workDir;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private final List<Emulator> started = new ArrayList<>();

    private @Nullable String classPathSnapshot;

    @RegisterExtension
    final AfterTestExecutionCallback printLogsOnFailure = context -> context.getExecutionException()
            .ifPresent(failure -> started.forEach(Emulator::printLog));

    @AfterEach
    void stopEmulators() throws InterruptedException {
        for (Emulator emulator : started) {
            emulator.process().destroyForcibly();
            emulator.process().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void ingressSurvivesGracefulRestartWithIdenticalJson() throws Exception {
        Path dataDir = workDir.resolve("data");
        Emulator first = start(dataDir, Activation.ENVIRONMENT);
        Api api = new Api(first.port(), Unique.token("durable"));

        ObjectNode body = JSON.createObjectNode()
                .put("domain", Unique.domain("graceful"))
                .put("description", "kept across restarts")
                .put("metadata", "{\"team\":\"edge\"}");
        body.putObject("certificate_management_policy").put("private_key_type", "ecdsa");
        HttpResponse<String> created = api.create(body);
        assertThat(created.statusCode()).isEqualTo(201);
        String id = JSON.readTree(created.body()).path("id").asString();
        String before = api.get(id).body();
        assertThat(dataDir.resolve("emulator.mv.db")).isRegularFile();

        first.process().destroy();
        assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).as("graceful stop within 30 s").isTrue();

        Emulator second = start(dataDir, Activation.ENVIRONMENT);
        HttpResponse<String> after = api.on(second.port()).get(id);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).isEqualTo(before);
    }

    @Test
    void everyAcknowledgedWriteSurvivesKillDuringLoad() throws Exception {
        Path dataDir = workDir.resolve("data");
        Emulator first = start(dataDir, Activation.ARGUMENT);

        CountDownLatch killPoint = new CountDownLatch(KILL_AFTER_ACKNOWLEDGED);
        List<Client> clients = new ArrayList<>();
        for (int number = 1; number <= CLIENTS; number++) {
            clients.add(new Client(number, new Api(first.port(), Unique.token("durable")), killPoint));
        }
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        long loadStarted = System.nanoTime();
        Duration untilKill;
        try {
            List<Future<Void>> running = new ArrayList<>();
            clients.forEach(client -> running.add(pool.submit(client)));
            assertThat(killPoint.await(30, TimeUnit.SECONDS))
                    .as("%d writes acknowledged within 30 s", KILL_AFTER_ACKNOWLEDGED).isTrue();

            first.process().destroyForcibly();
            untilKill = Duration.ofNanos(System.nanoTime() - loadStarted);
            assertThat(first.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
            if (OS.current() == OS.LINUX) {
                assertThat(first.process().exitValue()).as("killed by SIGKILL, no shutdown hook ran").isEqualTo(137);
            }
            for (Future<Void> client : running) {
                client.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        clients.forEach(client -> assertThat(client.unexpected).as("client %d", client.number).isEmpty());
        assertThat(clients).as("the kill came while clients were still writing").anyMatch(client -> client.cutOff);

        Emulator second = start(dataDir, Activation.ARGUMENT);
        int checked = 0;
        for (Client client : clients) {
            checked += client.verifyAgainst(client.api.on(second.port()));
        }
        long inFlight = clients.stream().filter(client -> client.unanswered != null).count();
        System.out.printf("durable restart: killed %d ms into the load; %d acknowledged writes checked (%s), "
                + "%d without an answer at the kill%n", untilKill.toMillis(), checked, summary(clients), inFlight);
        assertThat(checked).isGreaterThanOrEqualTo(KILL_AFTER_ACKNOWLEDGED);
    }

    private static String summary(List<Client> clients) {
        int creates = clients.stream().mapToInt(client -> client.acknowledgedCreates).sum();
        int patches = clients.stream().mapToInt(client -> client.acknowledgedPatches).sum();
        int deletes = clients.stream().mapToInt(client -> client.acknowledgedDeletes).sum();
        return creates + " creates, " + patches + " patches, " + deletes + " deletes";
    }

    // ---- one client thread of the load -------------------------------------------------------------------------

    private enum WriteKind {
        CREATE, PATCH, DELETE
    }

    /**
     * A write the client sent, with the state it asks for; {@code id} is null for a create, whose ID only the answer
     * would have told.
     */
    private record Write(WriteKind kind, @Nullable String id, State state) {
    }

    /** What a client knows of one ingress: its domain and the description and metadata last acknowledged. */
    private record State(String domain, String description, String metadata) {

        static State of(JsonNode ingress) {
            return new State(ingress.path("domain").asString(), ingress.path("description").asString(""),
                    ingress.path("metadata").asString(""));
        }
    }

    /**
     * One client of the load: creates, patches and deletes its own account's ingresses one request at a time, so at
     * most one of its writes is without an answer when the emulator dies, and records every acknowledged one.
     */
    private static final class Client implements Callable<Void> {

        final int number;
        final Api api;
        final CountDownLatch acknowledged;
        final Random random;
        final Map<String, State> live = new HashMap<>();
        final Set<String> deleted = new HashSet<>();
        final List<String> unexpected = new ArrayList<>();
        @Nullable
        Write unanswered;
        boolean cutOff;
        int acknowledgedCreates;
        int acknowledgedPatches;
        int acknowledgedDeletes;

        Client(int number, Api api, CountDownLatch acknowledged) {
            this.number = number;
            this.api = api;
            this.acknowledged = acknowledged;
            this.random = new Random(number);
        }

        @Override
        public Void call() {
            for (int step = 0; step < WRITES_PER_CLIENT; step++) {
                Write write = nextWrite(step);
                HttpResponse<String> response;
                try {
                    response = send(write);
                } catch (IOException ex) {
                    // the emulator is gone: this write may or may not have been committed
                    unanswered = write;
                    cutOff = true;
                    return null;
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    return null;
                }
                if (!record(write, response)) {
                    unexpected.add(write + " -> " + response.statusCode() + " " + response.body());
                    return null;
                }
                acknowledged.countDown();
            }
            return null;
        }

        private Write nextWrite(int step) {
            String tag = "c" + number + "-" + step;
            double dice = random.nextDouble();
            if (live.size() < 3 || dice < 0.45) {
                return new Write(WriteKind.CREATE, null,
                        new State(Unique.domain(tag), "created " + tag, "rev=" + step));
            }
            String id = new ArrayList<>(live.keySet()).get(random.nextInt(live.size()));
            State current = live.get(id);
            if (dice < 0.85) {
                // every patch names the description; every other one the metadata too
                String metadata = step % 2 == 0 ? "rev=" + step : current.metadata();
                return new Write(WriteKind.PATCH, id, new State(current.domain(), "patched " + tag, metadata));
            }
            return new Write(WriteKind.DELETE, id, current);
        }

        private HttpResponse<String> send(Write write) throws IOException, InterruptedException {
            return switch (write.kind()) {
                case CREATE -> api.create(JSON.createObjectNode().put("domain", write.state().domain())
                        .put("description", write.state().description()).put("metadata", write.state().metadata()));
                case PATCH -> {
                    ObjectNode body = JSON.createObjectNode().put("description", write.state().description());
                    if (!write.state().metadata().equals(live.get(write.id()).metadata())) {
                        body.put("metadata", write.state().metadata());
                    }
                    yield api.patch(write.id(), body);
                }
                case DELETE -> api.delete(write.id());
            };
        }

        /** Takes an answer into the record; false when the emulator answered something no client should see. */
        private boolean record(Write write, HttpResponse<String> response) {
            switch (write.kind()) {
                case CREATE -> {
                    if (response.statusCode() != 201) {
                        return false;
                    }
                    JsonNode ingress = JSON.readTree(response.body());
                    live.put(ingress.path("id").asString(), State.of(ingress));
                    acknowledgedCreates++;
                }
                case PATCH -> {
                    if (response.statusCode() != 200) {
                        return false;
                    }
                    live.put(write.id(), State.of(JSON.readTree(response.body())));
                    acknowledgedPatches++;
                }
                case DELETE -> {
                    if (response.statusCode() != 204) {
                        return false;
                    }
                    live.remove(write.id());
                    deleted.add(write.id());
                    acknowledgedDeletes++;
                }
            }
            return true;
        }

        /**
         * Checks the restarted emulator against this client's record; returns how many acknowledged writes it covered.
         */
        int verifyAgainst(Api restarted) throws IOException, InterruptedException {
            for (Map.Entry<String, State> entry : live.entrySet()) {
                String id = entry.getKey();
                HttpResponse<String> response = restarted.get(id);
                boolean deleteInFlight = unanswered != null && unanswered.kind() == WriteKind.DELETE
                        && id.equals(unanswered.id());
                if (deleteInFlight && response.statusCode() == 404) {
                    continue;
                }
                assertThat(response.statusCode()).as("acknowledged ingress %s of client %d", id, number).isEqualTo(200);
                State actual = State.of(JSON.readTree(response.body()));
                if (unanswered != null && unanswered.kind() == WriteKind.PATCH && id.equals(unanswered.id())) {
                    assertThat(actual).as("ingress %s: last acknowledged or the unanswered patch", id)
                            .isIn(entry.getValue(), unanswered.state());
                } else {
                    assertThat(actual).as("ingress %s: last acknowledged state", id).isEqualTo(entry.getValue());
                }
            }
            for (String id : deleted) {
                assertThat(restarted.get(id).statusCode()).as("acknowledged delete of %s", id).isEqualTo(404);
            }

            // nothing else in the account but, at most, the ingress of a create that got no answer
            Set<String> listed = new HashSet<>();
            for (JsonNode ingress : restarted.listAll()) {
                String id = ingress.path("id").asString();
                listed.add(id);
                if (!live.containsKey(id)) {
                    assertThat(unanswered).as("unknown ingress %s in client %d's account", id, number).isNotNull();
                    assertThat(unanswered.kind()).isEqualTo(WriteKind.CREATE);
                    assertThat(ingress.path("domain").asString()).isEqualTo(unanswered.state().domain());
                }
            }
            Set<String> missing = new HashSet<>(live.keySet());
            missing.removeAll(listed);
            if (unanswered != null && unanswered.kind() == WriteKind.DELETE) {
                missing.remove(unanswered.id());
            }
            assertThat(missing).as("acknowledged ingresses missing from the list").isEmpty();
            return acknowledgedCreates + acknowledgedPatches + acknowledgedDeletes;
        }
    }

    // ---- the emulator as a process -----------------------------------------------------------------------------

    /** How the durable profile is switched on: both ways the configuration documents. */
    private enum Activation {
        ARGUMENT, ENVIRONMENT
    }

    private record Emulator(Process process, int port, Path log) {

        /** The start-up and the end of the log: enough to see why a start failed or what the last requests did. */
        void printLog() {
            try {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                System.err.println("---- " + log.getFileName() + " (pid " + process.pid() + ", " + lines.size()
                        + " lines) ----");
                if (lines.size() > 120) {
                    lines.subList(0, 40).forEach(System.err::println);
                    System.err.println("[...]");
                    lines = lines.subList(lines.size() - 80, lines.size());
                }
                lines.forEach(System.err::println);
            } catch (IOException ex) {
                System.err.println("cannot read " + log + ": " + ex);
            }
        }
    }

    /** Starts the emulator in its own JVM on the data directory and waits until it answers the API. */
    private Emulator start(Path dataDir, Activation activation) throws Exception {
        int port = freePort();
        Path log = workDir.resolve("emulator-" + (started.size() + 1) + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // start-up speed over peak speed: the load here is small
                "-XX:TieredStopAtLevel=1",
                "-cp", classPath(),
                AgentIngressEmulatorApplication.class.getName(),
                "--server.port=" + port));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        // the developer's own settings must not leak into the emulator under test
        environment.keySet().removeIf(name -> name.startsWith("SPRING_") || name.startsWith("EMULATOR_")
                || name.equals("PORT") || name.equals("SERVER_PORT"));
        environment.put("EMULATOR_DATA_DIR", dataDir.toString());
        switch (activation) {
            case ARGUMENT -> command.add("--spring.profiles.active=durable");
            case ENVIRONMENT -> environment.put("SPRING_PROFILES_ACTIVE", "durable");
        }
        builder.command(command);
        Emulator emulator = new Emulator(builder.start(), port, log);
        started.add(emulator);
        awaitAnswers(emulator);
        return emulator;
    }

    /**
     * This JVM's class path, with its directories (target/classes, target/test-classes) copied once per test: every
     * process of a test then runs the same code, even when an IDE or another build rewrites target/ meanwhile.
     */
    private String classPath() throws IOException {
        if (classPathSnapshot == null) {
            List<String> entries = new ArrayList<>();
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                Path source = Path.of(entry);
                if (Files.isDirectory(source)) {
                    Path copy = workDir.resolve("classpath").resolve(String.valueOf(entries.size()));
                    copyTree(source, copy);
                    entry = copy.toString();
                }
                entries.add(entry);
            }
            classPathSnapshot = String.join(File.pathSeparator, entries);
        }
        return classPathSnapshot;
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path copy = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(path, copy);
                }
            }
        }
    }

    private void awaitAnswers(Emulator emulator) throws InterruptedException {
        Api probe = new Api(emulator.port(), Unique.token("durable"));
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!emulator.process().isAlive()) {
                fail("the emulator exited with " + emulator.process().exitValue() + " before answering");
            }
            try {
                if (probe.list(null).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // keep polling
            }
            Thread.sleep(100);
        }
        fail("the emulator did not answer within " + START_TIMEOUT);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    // ---- the API over java.net.http ----------------------------------------------------------------------------

    private final class Api {

        private final int port;
        private final String token;

        Api(int port, String token) {
            this.port = port;
            this.token = token;
        }

        /** The same account on another emulator process. */
        Api on(int otherPort) {
            return new Api(otherPort, token);
        }

        HttpResponse<String> create(ObjectNode body) throws IOException, InterruptedException {
            return send(request("/agent_ingresses").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        }

        HttpResponse<String> patch(String id, ObjectNode body) throws IOException, InterruptedException {
            return send(request("/agent_ingresses/" + id).header("Content-Type", "application/json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        }

        HttpResponse<String> delete(String id) throws IOException, InterruptedException {
            return send(request("/agent_ingresses/" + id).DELETE());
        }

        HttpResponse<String> get(String id) throws IOException, InterruptedException {
            return send(request("/agent_ingresses/" + id).GET());
        }

        HttpResponse<String> list(@Nullable String beforeId) throws IOException, InterruptedException {
            String query = beforeId == null ? "" : "?before_id=" + beforeId;
            return send(request("/agent_ingresses" + query).GET());
        }

        /** Every ingress of the account, following the pages. */
        List<JsonNode> listAll() throws IOException, InterruptedException {
            List<JsonNode> all = new ArrayList<>();
            String beforeId = null;
            do {
                HttpResponse<String> response = list(beforeId);
                assertThat(response.statusCode()).isEqualTo(200);
                JsonNode page = JSON.readTree(response.body());
                page.path("ingresses").values().forEach(all::add);
                beforeId = page.path("next_page_uri").isNull() ? null : all.get(all.size() - 1).path("id").asString();
            } while (beforeId != null);
            return all;
        }

        private HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(REQUEST_TIMEOUT)
                    .header("Authorization", "Bearer " + token)
                    .header("Ngrok-Version", "2");
        }

        private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
    }
}
