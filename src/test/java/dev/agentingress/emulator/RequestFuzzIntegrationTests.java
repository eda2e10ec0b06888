package dev.agentingress.emulator;

import static dev.agentingress.emulator.support.NgrokErrorAssert.assertThatNgrokError;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.agentingress.emulator.support.RawHttp;
import dev.agentingress.emulator.support.Unique;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whatever a client sends, the answer is never a 5xx, every error is in ngrok's envelope ({@code status_code} equal to
 * the HTTP status, {@code msg}, {@code details.operation_id}), and a refused write changes nothing. Generated paths,
 * query strings (raw bytes, broken escapes, thousands of parameters), headers and bodies go out as raw HTTP/1.1 over
 * a socket, to the whole application on a random port: over 10,000 requests in all.
 */
class RequestFuzzIntegrationTests {

    private static final int MIN_REQUESTS = 10_000;
    /** Requests per try: sent at once for paths, queries and headers; one after another for writes. */
    private static final int BATCH = 4;
    private static final int PARALLEL_TRIES = 650;
    private static final int WRITE_TRIES = 600;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String UNKNOWN_ID = "agin_2fmnypjq2RAXIuNjjqzRmI3T7zy";
    private static final String READER = Unique.token("fuzz_reader");
    private static final String WRITER = Unique.token("fuzz_writer");
    private static final List<String> WORDS = List.of("agent_ingresses", "_emulator", "journal", "clock", "faults",
            "freeze", "advance", "certificate", "issue", "fail", "admin", "reset", "actuator", "health", "v3",
            "api-docs", "error", "swagger-ui", "index.html", "prometheus", "readiness");
    private static final List<String> ODD_SEGMENTS = List.of("", ".", "..", ";x=1", "%2F", "%2e%2e", "%00", "%ff",
            "%zz", "%", "%5C", "%3B", "a;b", "%C3%A9", "%e2%82");
    private static final List<String> PARAMETER_NAMES = List.of("before_id", "limit", "filter", "status",
            "operation_id", "path", "operation", "x", "", "%ff", "%zz", "limit[]", "filter%00");
    private static final List<String> FILTER_TOKENS = List.of("obj.domain", "obj.id", "obj.created_at",
            "obj.description", "obj.metadata", "==", "!=", "<", ">=", "&&", "||", "!", "(", ")", "[", "]", "{", "}",
            ",", "in", "\"x\"", "'y'", "r\"\\\"", "1", "-1", "9999999999999999999999", "null", "true", "now()",
            "daysAgo(1)", "daysAgo(99999999999)", "timestamp(\"2025-01-01T00:00:00Z\")", "timestamp(\"x\")",
            ".startsWith(", ".endsWith(", ".contains(", "size(", ".matches(", "+", "?", ":", "//", "\\", "\u0000");
    private static final List<String> BODY_FIELDS = List.of("domain", "description", "metadata",
            "certificate_management_policy", "certificate_management_status", "ingresses", "id", "msg",
            "error_code", "created_at", "authority", "private_key_type", "at", "by", "operation", "status", "uri");

    private static final AtomicInteger REQUESTS = new AtomicInteger();
    private static final ExecutorService CLIENTS = Executors.newFixedThreadPool(BATCH);

    private static ConfigurableApplicationContext application;
    private static RawHttp http;
    private static List<String> writerIds = List.of();
    private static String readerId = UNKNOWN_ID;

    @BeforeContainer
    static void start() throws IOException {
        List<String> args = new ArrayList<>(List.of("--server.port=0"));
        if (System.getProperty("spring.datasource.url") == null) {
            args.add("--spring.datasource.url=jdbc:h2:mem:fuzz-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        }
        application = new SpringApplicationBuilder(AgentIngressEmulatorApplication.class)
                .run(args.toArray(String[]::new));
        http = new RawHttp(((WebServerApplicationContext) application).getWebServer().getPort());
        readerId = create(READER, "{\"domain\":\"reader-" + UUID.randomUUID() + ".fuzz-test.com\"}");
        // the writer's clock stands still, so that its ingresses change only through its own writes
        assertThat(send("POST", "/_emulator/clock/freeze", WRITER, "{\"at\":\"2025-09-04T10:11:37Z\"}",
                "Content-Type: application/json").status()).isEqualTo(200);
        writerIds = List.of(
                create(WRITER, "{\"domain\":\"writer-" + UUID.randomUUID() + ".fuzz-test.com\",\"description\":\"d\"}"),
                create(WRITER, "{\"domain\":\"writer-" + UUID.randomUUID() + ".fuzz-test.com\","
                        + "\"certificate_management_policy\":{}}"));
    }

    @AfterContainer
    static void stop() {
        try {
            assertThat(REQUESTS.get()).as("generated requests").isGreaterThanOrEqualTo(MIN_REQUESTS);
        } finally {
            CLIENTS.shutdownNow();
            application.close();
        }
    }

    @Property(tries = PARALLEL_TRIES, shrinking = ShrinkingMode.BOUNDED)
    void anyPathAndMethod(@ForAll("pathRequests") List<Request> batch) throws Exception {
        sendAtOnce(batch);
    }

    @Property(tries = PARALLEL_TRIES, shrinking = ShrinkingMode.BOUNDED)
    void anyQueryString(@ForAll("queryRequests") List<Request> batch) throws Exception {
        sendAtOnce(batch);
    }

    @Property(tries = PARALLEL_TRIES, shrinking = ShrinkingMode.BOUNDED)
    void anyHeaders(@ForAll("headerRequests") List<Request> batch) throws Exception {
        sendAtOnce(batch);
    }

    /**
     * Writes as one account, one after another, whose ingresses are read after each refused run of them: refused
     * writes must leave them exactly as the last accepted one did.
     */
    @Property(tries = WRITE_TRIES, shrinking = ShrinkingMode.BOUNDED)
    void anyBodyAndRefusedWritesChangeNothing(@ForAll("writeRequests") List<Request> batch) throws IOException {
        String expected = export();
        for (Request request : batch) {
            RawHttp.Reply reply = request.send();
            check(request, reply);
            if (reply.status() < 400) {
                expected = export();
            }
        }
        assertThat(export()).as("the account after refused writes of %s", batch).isEqualTo(expected);
    }

    // ---------------------------------------------------------------- generators

    @Provide
    Arbitrary<List<Request>> pathRequests() {
        Arbitrary<String> body = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just("")),
                Tuple.of(1, Arbitraries.of("%zz=%ff&a=%", "a=1&b=2", "{}")));
        return Combinators.combine(methods(), paths(), body, contentTypes())
                .as((method, path, content, type) -> new Request(method, path, READER, content,
                        content.isEmpty() ? List.of() : List.of("Content-Type: "
                                + type)))
                .list().ofSize(BATCH);
    }

    @Provide
    Arbitrary<List<Request>> queryRequests() {
        return Combinators.combine(queryTargets(), queries()).as((target, query) -> new Request(
                target.substring(0, target.indexOf(' ')), target.substring(target.indexOf(' ') + 1) + query, READER,
                "", List.of())).list().ofSize(BATCH);
    }

    @Provide
    Arbitrary<List<Request>> headerRequests() {
        return Combinators.combine(methods(), headerSets()).as((method, headers) -> {
            String body = method.equals("POST") || method.equals("PATCH") ? "{\"description\":\"x\"}" : "";
            String path = method.equals("PATCH") || method.equals("DELETE") ? "/agent_ingresses/" + UNKNOWN_ID
                    : "/agent_ingresses";
            return new Request(method, path, null, body, headers);
        }).list().ofSize(BATCH);
    }

    @Provide
    Arbitrary<List<Request>> writeRequests() {
        return Combinators.combine(writeTargets(), bodies(), contentTypes()).as((target, body, type) -> new Request(
                target.substring(0, target.indexOf(' ')), target.substring(target.indexOf(' ') + 1), WRITER, body,
                List.of("Content-Type: " + type))).list().ofSize(BATCH);
    }

    @Provide
    Arbitrary<String> methods() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of("GET", "POST", "PATCH", "DELETE")),
                Tuple.of(2, Arbitraries.of("PUT", "HEAD", "OPTIONS", "TRACE", "get", "FOO")));
    }

    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> segment = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of(WORDS)),
                Tuple.of(2, Arbitraries.of(UNKNOWN_ID, "agin_x", "flt_x").injectDuplicates(0)
                        .edgeCases(edges -> edges.add(UNKNOWN_ID))),
                Tuple.of(1, Arbitraries.create(() -> readerId)),
                Tuple.of(3, rawText(16)),
                Tuple.of(2, Arbitraries.of(ODD_SEGMENTS)));
        return segment.list().ofMinSize(0).ofMaxSize(6).map(segments -> "/" + String.join("/", segments));
    }

    @Provide
    Arbitrary<String> queryTargets() {
        return Arbitraries.of("GET /agent_ingresses", "GET /agent_ingresses/" + UNKNOWN_ID, "GET /_emulator/journal",
                "GET /_emulator/clock", "GET /_emulator/faults", "GET /_emulator/agent_ingresses",
                "DELETE /_emulator/journal", "GET /actuator/health", "GET /nowhere");
    }

    @Provide
    Arbitrary<String> queries() {
        Arbitrary<String> value = Arbitraries.frequencyOf(
                Tuple.of(3, rawText(24)),
                Tuple.of(3, filters().map(filter -> URLEncoder.encode(filter, StandardCharsets.UTF_8))),
                Tuple.of(1, filters()),
                Tuple.of(2, Arbitraries.of("1", "100", "101", "0", "-1", "%31", "%ff", "%zz", "%", "4xx", "%e2%82",
                        UNKNOWN_ID, "agin_x", "99999999999999999999")));
        Arbitrary<String> chunk = Arbitraries.frequencyOf(
                Tuple.of(8, Combinators.combine(Arbitraries.of(PARAMETER_NAMES), value).as((n, v) -> n + "=" + v)),
                Tuple.of(1, Arbitraries.of(PARAMETER_NAMES)),
                Tuple.of(1, Arbitraries.of("", "=", "=x", "&", "%", "%zz=1")));
        Arbitrary<String> ordinary = chunk.list().ofMinSize(0).ofMaxSize(12)
                .map(chunks -> chunks.isEmpty() ? "" : "?" + String.join("&", chunks));
        Arbitrary<String> thousands = Arbitraries.integers().between(900, 2500)
                .map(count -> "?" + IntStream.range(0, count).mapToObj(i -> "p" + i + "=" + i)
                        .collect(Collectors.joining("&")));
        return Arbitraries.frequencyOf(Tuple.of(30, ordinary), Tuple.of(1, thousands));
    }

    @Provide
    Arbitrary<List<String>> headerSets() {
        Arbitrary<String> authorization = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just("Authorization: Bearer " + READER)),
                Tuple.of(3, Arbitraries.of("Authorization: Basic Zm9vOmJhcg==", "Authorization: Bearer",
                        "Authorization: garbage", "Authorization: Bearer " + "k".repeat(600), "Authorization: ",
                        "Authorization: Bearer a b")),
                Tuple.of(1, rawText(40).map(text -> "Authorization: Bearer " + text)));
        Arbitrary<String> version = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just("Ngrok-Version: 2")),
                Tuple.of(2, Arbitraries.of("Ngrok-Version: 1", "Ngrok-Version: ", "Ngrok-Version: 2, 2")),
                Tuple.of(1, rawText(20).map(text -> "Ngrok-Version: " + text)));
        Arbitrary<String> extra = Arbitraries.frequencyOf(
                Tuple.of(2, contentTypes().map(type -> "Content-Type: " + type)),
                Tuple.of(2, Arbitraries.of("Origin: https://app.example.com", "Origin: null", "Origin: *",
                        "Access-Control-Request-Method: PATCH", "Accept: text/html", "Accept: */*",
                        "Accept-Charset: ebcdic", "Cookie: a=b", "X-Api-Key: k")),
                // only statuses a client may ask for: a 5xx here would be the emulator obeying, not failing
                Tuple.of(2, Arbitraries.of("status=400", "status=429, code=ERR_NGROK_226", "status=404",
                        "status=abc", "status=503x", "status=200", "code=X", "colour=red", "", ",", "status=4999")
                        .map(fault -> "Ngrok-Emulator-Fault: " + fault)),
                Tuple.of(1, rawText(60).map(text -> "X-Fuzz: " + text)),
                Tuple.of(1, rawText(12).map(text -> text + ": value")));
        return Combinators.combine(authorization, version, extra.list().ofMaxSize(4)).as((a, v, more) -> {
            List<String> all = new ArrayList<>(List.of(a, v));
            all.addAll(more);
            return all;
        });
    }

    @Provide
    Arbitrary<String> writeTargets() {
        return Arbitraries.of("POST /agent_ingresses", "PATCH /agent_ingresses/{writer0}",
                "PATCH /agent_ingresses/{writer1}", "DELETE /agent_ingresses/" + UNKNOWN_ID,
                "POST /_emulator/agent_ingresses", "POST /_emulator/agent_ingresses/{writer1}/certificate/fail",
                "POST /_emulator/agent_ingresses/{writer0}/certificate/issue")
                .map(target -> target.replace("{writer0}", writerIds.get(0)).replace("{writer1}", writerIds.get(1)));
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just("application/json")),
                Tuple.of(3, Arbitraries.of("application/json; charset=utf-8", "text/plain", "application/xml",
                        "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json;;",
                        "application/json; charset=ebcdic", "*/*", "")));
    }

    @Provide
    Arbitrary<String> bodies() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, jsonObjects(2).map(RequestFuzzIntegrationTests::toJson)),
                Tuple.of(1, jsonObjects(2).map(RequestFuzzIntegrationTests::toJson)
                        .map(json -> json.substring(0, json.length() / 2))),
                Tuple.of(1, rawText(200)),
                Tuple.of(1, Arbitraries.of("", "{}", "[]", "null", "{\"ingresses\":null}",
                        "{\"domain\":\"\\u0000a.com\"}",
                        "{\"domain\":\"a.\\u212Aom\"}", "{\"domain\":1e999}", "{\"a\":" + "[".repeat(2000) + "}",
                        "{\"ingresses\":[{\"domain\":\"dup.fuzz-test.com\"},{\"domain\":\"dup.fuzz-test.com\"}]}")));
    }

    private Arbitrary<Map<String, Object>> jsonObjects(int depth) {
        Arbitrary<Object> value = depth == 0 ? scalars() : Arbitraries.frequencyOf(
                Tuple.of(6, scalars()),
                Tuple.of(1, jsonObjects(depth - 1).map(map -> (Object) map)),
                Tuple.of(1, jsonObjects(depth - 1).list().ofMaxSize(3).map(list -> (Object) list)));
        return Arbitraries.maps(Arbitraries.frequencyOf(Tuple.of(9, Arbitraries.of(BODY_FIELDS)),
                Tuple.of(1, rawText(10))), value).ofMaxSize(5).map(LinkedHashMap::new);
    }

    private static Arbitrary<Object> scalars() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.strings().all().ofMaxLength(40).map(text -> (Object) text)),
                Tuple.of(3, Arbitraries.of("acme.com", "a.fuzz-test.com", "ngrok.app", "letsencrypt", "rsa", "ecdsa",
                        "DNS_ERROR", "2025-09-04T10:11:37Z", "1970-01-01T00:00:00Z", "+20000-01-01T00:00:00Z", "PT1H",
                        "-PT999999H", "AgentIngressesList", UNKNOWN_ID, "agin_x").map(text -> (Object) text)),
                Tuple.of(1, Arbitraries.integers().between(1, 5).map(n -> (Object) "x".repeat(n * 120))),
                Tuple.of(1, Arbitraries.strings().withChars('.', 'a', '-').ofMinLength(1).ofMaxLength(300)
                        .map(text -> (Object) ("z" + text + ".com"))),
                Tuple.of(2, Arbitraries.of(0, -1, 599, 600, Long.MAX_VALUE, 1.5, true, false).map(v -> (Object) v)),
                Tuple.of(1, Arbitraries.just((Object) null)));
    }

    private static Arbitrary<String> filters() {
        return Arbitraries.frequencyOf(
                Tuple.of(10,
                        Arbitraries.of(FILTER_TOKENS).list().ofMaxSize(40).map(tokens -> String.join(" ", tokens))),
                Tuple.of(1, Arbitraries.of("(", "[", "{", "!", "obj.domain.startsWith(").flatMap(open -> Arbitraries
                        .integers().between(30, 1500).map(open::repeat))));
    }

    /** Text as it goes on the wire byte for byte: printable ASCII and bytes over 0x7f, never a space or line end. */
    private static Arbitrary<String> rawText(int maxLength) {
        return Arbitraries.strings().withCharRange('!', '~').withCharRange('\u0080', '\u00ff')
                .withChars('\u0001', '\t', '\u007f').ofMaxLength(maxLength);
    }

    private static String toJson(Map<String, Object> map) {
        return JSON.writeValueAsString(map);
    }

    // ---------------------------------------------------------------- requests and checks

    /**
     * One generated request. Without a token it carries only its own headers (the header fuzz decides them all);
     * with one, ngrok's two headers come first.
     */
    record Request(String method, String target, @Nullable String token, String body, List<String> headers) {

        RawHttp.Reply send() throws IOException {
            REQUESTS.incrementAndGet();
            List<String> all = new ArrayList<>();
            if (token != null) {
                all.addAll(List.of("Authorization: Bearer " + token, "Ngrok-Version: 2"));
            }
            all.addAll(headers);
            return http.send(method, target, body.getBytes(StandardCharsets.UTF_8), all.toArray(String[]::new));
        }
    }

    /** The batch at once, as concurrent clients would send it (and in a third of the time). */
    private static void sendAtOnce(List<Request> batch) throws Exception {
        List<Future<RawHttp.Reply>> replies = new ArrayList<>();
        for (Request request : batch) {
            replies.add(CLIENTS.submit(request::send));
        }
        for (int i = 0; i < batch.size(); i++) {
            check(batch.get(i), replies.get(i).get(30, TimeUnit.SECONDS));
        }
    }

    private static RawHttp.Reply send(String method, String target, String token, String body, String... more)
            throws IOException {
        List<String> headers = new ArrayList<>(List.of("Authorization: Bearer " + token, "Ngrok-Version: 2"));
        headers.addAll(List.of(more));
        return http.send(method, target, body.getBytes(StandardCharsets.UTF_8), headers.toArray(String[]::new));
    }

    private static String create(String token, String body) throws IOException {
        RawHttp.Reply reply = send("POST", "/agent_ingresses", token, body, "Content-Type: application/json");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return JSON.readTree(reply.body()).get("id").asString();
    }

    private static String export() throws IOException {
        RawHttp.Reply reply = send("GET", "/_emulator/agent_ingresses", WRITER, "");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.body();
    }

    /** Never a 5xx; every error (a HEAD has no body to show it) in ngrok's envelope. */
    private static void check(Request request, RawHttp.Reply reply) {
        assertThat(reply.status()).as("status for %s: %s", request, reply.body()).isLessThan(500);
        if (reply.status() < 400 || request.method().equals("HEAD")) {
            return;
        }
        assertThatNgrokError(reply).as("%s", request).isNgrokEnvelope().hasStatus(reply.status());
    }
}
