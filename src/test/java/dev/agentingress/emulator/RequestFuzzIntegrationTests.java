package dev.agentingress.emulator;

import static dev.agentingress.emulator.support.Generated.weighted;
import static dev.agentingress.emulator.support.NgrokErrorAssert.assertThatNgrokError;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.agentingress.emulator.support.Generated;
import dev.agentingress.emulator.support.RawHttp;
import dev.agentingress.emulator.support.Unique;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whatever a client sends, the answer is never a 5xx, every error is in ngrok's envelope ({@code status_code} equal to
 * the HTTP status, {@code msg}, {@code details.operation_id}), and a refused write changes nothing. Generated paths,
 * query strings (raw bytes, broken escapes, thousands of parameters), headers and bodies go out as raw HTTP/1.1 over
 * a socket, to the whole application on a random port: over 10,000 requests in all.
 * <p>
 * Each property is a run of tries, each a dynamic test with a seed of its own ({@link Generated}): a failure names its
 * seed, and {@code -Dgenerated.seed=...} runs that one try again. There is no shrinking, so a failure shows the whole
 * request (method, target, token, body and headers) as it was sent, and the whole batch when refused writes changed
 * the account. The write tries share one account, so a try replayed alone starts from the ingresses made at start-up,
 * not from what earlier tries left.
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
    private static final List<String> QUERY_TARGETS = List.of("GET /agent_ingresses",
            "GET /agent_ingresses/" + UNKNOWN_ID, "GET /_emulator/journal", "GET /_emulator/clock",
            "GET /_emulator/faults", "GET /_emulator/agent_ingresses", "DELETE /_emulator/journal",
            "GET /actuator/health", "GET /nowhere");
    /** The writer's ingresses are made at start-up: {writer0} and {writer1} stand for them. */
    private static final List<String> WRITE_TARGETS = List.of("POST /agent_ingresses",
            "PATCH /agent_ingresses/{writer0}", "PATCH /agent_ingresses/{writer1}",
            "DELETE /agent_ingresses/" + UNKNOWN_ID, "POST /_emulator/agent_ingresses",
            "POST /_emulator/agent_ingresses/{writer1}/certificate/fail",
            "POST /_emulator/agent_ingresses/{writer0}/certificate/issue");
    /** Bytes as they go on the wire: printable ASCII and bytes over 0x7f, never a space or line end. */
    private static final String RAW_BYTES = Generated.chars('!', '~') + Generated.chars('\u0080', '\u00ff')
            + "\u0001\t\u007f";
    private static final String ANY_CHAR = Generated.chars(Character.MIN_VALUE, Character.MAX_VALUE);

    private static final AtomicInteger REQUESTS = new AtomicInteger();
    private static final ExecutorService CLIENTS = Executors.newFixedThreadPool(BATCH);

    private static ConfigurableApplicationContext application;
    private static RawHttp http;
    private static List<String> writerIds = List.of();
    private static String readerId = UNKNOWN_ID;

    @BeforeAll
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

    @AfterAll
    static void stop() {
        try {
            if (!Generated.replaying()) {
                assertThat(REQUESTS.get()).as("generated requests").isGreaterThanOrEqualTo(MIN_REQUESTS);
            }
        } finally {
            CLIENTS.shutdownNow();
            application.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> anyPathAndMethod() {
        return Generated.tries(PARALLEL_TRIES, any -> sendAtOnce(any.listOf(BATCH, () -> pathRequest(any))));
    }

    @TestFactory
    Stream<DynamicTest> anyQueryString() {
        return Generated.tries(PARALLEL_TRIES, any -> sendAtOnce(any.listOf(BATCH, () -> queryRequest(any))));
    }

    @TestFactory
    Stream<DynamicTest> anyHeaders() {
        return Generated.tries(PARALLEL_TRIES, any -> sendAtOnce(any.listOf(BATCH, () -> headerRequest(any))));
    }

    /**
     * Writes as one account, one after another, whose ingresses are read after each refused run of them: refused
     * writes must leave them exactly as the last accepted one did.
     */
    @TestFactory
    Stream<DynamicTest> anyBodyAndRefusedWritesChangeNothing() {
        return Generated.tries(WRITE_TRIES, any -> {
            List<Request> batch = any.listOf(BATCH, () -> writeRequest(any));
            String expected = export();
            for (Request request : batch) {
                RawHttp.Reply reply = request.send();
                check(request, reply);
                if (reply.status() < 400) {
                    expected = export();
                }
            }
            assertThat(export()).as("the account after refused writes of %s", batch).isEqualTo(expected);
        });
    }

    // ---------------------------------------------------------------- generators

    private static Request pathRequest(Generated any) {
        String method = method(any);
        String path = path(any);
        String body = any.frequency(weighted(8, () -> ""),
                weighted(1, () -> any.oneOf("%zz=%ff&a=%", "a=1&b=2", "{}")));
        String type = contentType(any);
        return new Request(method, path, READER, body, body.isEmpty() ? List.of() : List.of("Content-Type: " + type));
    }

    private static Request queryRequest(Generated any) {
        return request(any.oneOf(QUERY_TARGETS) + query(any), READER, "", List.of());
    }

    private static Request headerRequest(Generated any) {
        String method = method(any);
        List<String> headers = headerSet(any);
        String body = method.equals("POST") || method.equals("PATCH") ? "{\"description\":\"x\"}" : "";
        String path = method.equals("PATCH") || method.equals("DELETE") ? "/agent_ingresses/" + UNKNOWN_ID
                : "/agent_ingresses";
        return new Request(method, path, null, body, headers);
    }

    private static Request writeRequest(Generated any) {
        String target = any.oneOf(WRITE_TARGETS).replace("{writer0}", writerIds.get(0))
                .replace("{writer1}", writerIds.get(1));
        String body = body(any);
        String type = contentType(any);
        return request(target, WRITER, body, List.of("Content-Type: " + type));
    }

    private static String method(Generated any) {
        return any.frequency(
                weighted(6, () -> any.oneOf("GET", "POST", "PATCH", "DELETE")),
                weighted(2, () -> any.oneOf("PUT", "HEAD", "OPTIONS", "TRACE", "get", "FOO")));
    }

    private static String path(Generated any) {
        List<String> segments = any.listOf(0, 6, () -> any.frequency(
                weighted(6, () -> any.oneOf(WORDS)),
                weighted(2, () -> any.oneOf(UNKNOWN_ID, "agin_x", "flt_x")),
                weighted(1, () -> readerId),
                weighted(3, () -> rawText(any, 16)),
                weighted(2, () -> any.oneOf(ODD_SEGMENTS))));
        return "/" + String.join("/", segments);
    }

    private static String query(Generated any) {
        return any.frequency(
                weighted(30, () -> {
                    List<String> chunks = any.listOf(0, 12, () -> queryChunk(any));
                    return chunks.isEmpty() ? "" : "?" + String.join("&", chunks);
                }),
                weighted(1, () -> "?" + IntStream.range(0, any.between(900, 2500)).mapToObj(i -> "p" + i + "=" + i)
                        .collect(Collectors.joining("&"))));
    }

    private static String queryChunk(Generated any) {
        return any.frequency(
                weighted(8, () -> any.oneOf(PARAMETER_NAMES) + "=" + queryValue(any)),
                weighted(1, () -> any.oneOf(PARAMETER_NAMES)),
                weighted(1, () -> any.oneOf("", "=", "=x", "&", "%", "%zz=1")));
    }

    private static String queryValue(Generated any) {
        return any.frequency(
                weighted(3, () -> rawText(any, 24)),
                weighted(3, () -> URLEncoder.encode(filter(any), StandardCharsets.UTF_8)),
                weighted(1, () -> filter(any)),
                weighted(2, () -> any.oneOf("1", "100", "101", "0", "-1", "%31", "%ff", "%zz", "%", "4xx", "%e2%82",
                        UNKNOWN_ID, "agin_x", "99999999999999999999")));
    }

    private static List<String> headerSet(Generated any) {
        List<String> headers = new ArrayList<>();
        headers.add(any.frequency(
                weighted(6, () -> "Authorization: Bearer " + READER),
                weighted(3, () -> any.oneOf("Authorization: Basic Zm9vOmJhcg==", "Authorization: Bearer",
                        "Authorization: garbage", "Authorization: Bearer " + "k".repeat(600), "Authorization: ",
                        "Authorization: Bearer a b")),
                weighted(1, () -> "Authorization: Bearer " + rawText(any, 40))));
        headers.add(any.frequency(
                weighted(6, () -> "Ngrok-Version: 2"),
                weighted(2, () -> any.oneOf("Ngrok-Version: 1", "Ngrok-Version: ", "Ngrok-Version: 2, 2")),
                weighted(1, () -> "Ngrok-Version: " + rawText(any, 20))));
        headers.addAll(any.listOf(0, 4, () -> any.frequency(
                weighted(2, () -> "Content-Type: " + contentType(any)),
                weighted(2, () -> any.oneOf("Origin: https://app.example.com", "Origin: null", "Origin: *",
                        "Access-Control-Request-Method: PATCH", "Accept: text/html", "Accept: */*",
                        "Accept-Charset: ebcdic", "Cookie: a=b", "X-Api-Key: k")),
                // only statuses a client may ask for: a 5xx here would be the emulator obeying, not failing
                weighted(2, () -> "Ngrok-Emulator-Fault: " + any.oneOf("status=400", "status=429, code=ERR_NGROK_226",
                        "status=404", "status=abc", "status=503x", "status=200", "code=X", "colour=red", "", ",",
                        "status=4999")),
                weighted(1, () -> "X-Fuzz: " + rawText(any, 60)),
                weighted(1, () -> rawText(any, 12) + ": value"))));
        return headers;
    }

    private static String contentType(Generated any) {
        return any.frequency(
                weighted(8, () -> "application/json"),
                weighted(3, () -> any.oneOf("application/json; charset=utf-8", "text/plain", "application/xml",
                        "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json;;",
                        "application/json; charset=ebcdic", "*/*", "")));
    }

    private static String body(Generated any) {
        return any.frequency(
                weighted(6, () -> JSON.writeValueAsString(jsonObject(any, 2))),
                weighted(1, () -> {
                    String json = JSON.writeValueAsString(jsonObject(any, 2));
                    return json.substring(0, json.length() / 2);
                }),
                weighted(1, () -> rawText(any, 200)),
                weighted(1, () -> any.oneOf("", "{}", "[]", "null", "{\"ingresses\":null}",
                        "{\"domain\":\"\\u0000a.com\"}",
                        "{\"domain\":\"a.\\u212Aom\"}", "{\"domain\":1e999}", "{\"a\":" + "[".repeat(2000) + "}",
                        "{\"ingresses\":[{\"domain\":\"dup.fuzz-test.com\"},{\"domain\":\"dup.fuzz-test.com\"}]}")));
    }

    /** Up to five members with distinct names, mostly the API's own; {@code depth} more levels of nesting at most. */
    private static Map<String, @Nullable Object> jsonObject(Generated any, int depth) {
        int size = any.between(0, 5);
        Set<String> names = new LinkedHashSet<>();
        for (int draws = 0; names.size() < size && draws < 100; draws++) {
            names.add(any.frequency(weighted(9, () -> any.oneOf(BODY_FIELDS)), weighted(1, () -> rawText(any, 10))));
        }
        Map<String, @Nullable Object> object = new LinkedHashMap<>();
        for (String name : names) {
            object.put(name, depth == 0 ? scalar(any) : any.<@Nullable Object>frequency(
                    weighted(6, () -> scalar(any)),
                    weighted(1, () -> jsonObject(any, depth - 1)),
                    weighted(1, () -> any.listOf(0, 3, () -> jsonObject(any, depth - 1)))));
        }
        return object;
    }

    private static @Nullable Object scalar(Generated any) {
        return any.<@Nullable Object>frequency(
                weighted(4, () -> any.text(ANY_CHAR, 0, 40)),
                weighted(3, () -> any.oneOf("acme.com", "a.fuzz-test.com", "ngrok.app", "letsencrypt", "rsa", "ecdsa",
                        "DNS_ERROR", "2025-09-04T10:11:37Z", "1970-01-01T00:00:00Z", "+20000-01-01T00:00:00Z", "PT1H",
                        "-PT999999H", "AgentIngressesList", UNKNOWN_ID, "agin_x")),
                weighted(1, () -> "x".repeat(any.between(1, 5) * 120)),
                weighted(1, () -> "z" + any.text(".a-", 1, 300) + ".com"),
                weighted(2, () -> any.<Object>oneOf(0, -1, 599, 600, Long.MAX_VALUE, 1.5, true, false)),
                weighted(1, () -> null));
    }

    private static String filter(Generated any) {
        return any.frequency(
                weighted(10, () -> String.join(" ", any.listOf(0, 40, () -> any.oneOf(FILTER_TOKENS)))),
                weighted(1, () -> any.oneOf("(", "[", "{", "!", "obj.domain.startsWith(")
                        .repeat(any.between(30, 1500))));
    }

    /** Up to {@code maxLength} of {@link #RAW_BYTES}. */
    private static String rawText(Generated any, int maxLength) {
        return any.text(RAW_BYTES, 0, maxLength);
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
            try {
                return http.send(method, target, body.getBytes(StandardCharsets.UTF_8), all.toArray(String[]::new));
            } catch (IOException e) {
                throw new IOException("no answer to " + this, e);
            }
        }
    }

    /** A request to {@code methodAndTarget}, e.g. {@code GET /agent_ingresses?limit=1}. */
    private static Request request(String methodAndTarget, @Nullable String token, String body,
            List<String> headers) {
        int space = methodAndTarget.indexOf(' ');
        return new Request(methodAndTarget.substring(0, space), methodAndTarget.substring(space + 1), token, body,
                headers);
    }

    /** The batch at once, as concurrent clients would send it (and in a third of the time). */
    private static void sendAtOnce(List<Request> batch) throws Exception {
        List<Future<RawHttp.Reply>> replies = new ArrayList<>();
        for (Request request : batch) {
            replies.add(CLIENTS.submit(request::send));
        }
        for (int i = 0; i < batch.size(); i++) {
            try {
                check(batch.get(i), replies.get(i).get(30, TimeUnit.SECONDS));
            } catch (TimeoutException e) {
                throw new AssertionError("no answer within 30 s to " + batch.get(i), e);
            }
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
