package dev.agentingress.emulator.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;

import dev.agentingress.emulator.api.error.NgrokException;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * ngrok's error envelope (spec §9.4.5), {@code {"error_code":…,"status_code":…,"msg":…,"details":{"operation_id":…}}},
 * asserted the same way whatever carried it: a REST Assured response, a MockMvc response, a raw socket reply, or the
 * {@link NgrokException} a service threw (which has no operation ID yet: the writer adds it).
 *
 * <pre>
 * assertThatNgrokError(response).isNgrokEnvelope().hasStatus(400).hasCode("ERR_NGROK_231").hasMessageContaining("foo");
 * </pre>
 */
public final class NgrokErrorAssert extends AbstractAssert<NgrokErrorAssert, NgrokErrorAssert.Answer> {

    public static final String OPERATION_ID_HEADER = "Ngrok-Operation-Id";
    private static final String OPERATION_ID_PATTERN = "op_[0-9A-Za-z]{27}";
    private static final Set<String> ENVELOPE_KEYS = Set.of("error_code", "status_code", "msg", "details");

    /**
     * An error as received: the HTTP status, the headers that matter (unless the client did not keep them), the body
     * as sent and as JSON. An exception has no headers and its body is what the writer would render, less the
     * operation ID.
     */
    public record Answer(int status, @Nullable String contentType, @Nullable String operationIdHeader, String body,
            Map<String, Object> json, boolean rendered, boolean headersKept) {
    }

    private NgrokErrorAssert(Answer answer) {
        super(answer, NgrokErrorAssert.class);
    }

    public static NgrokErrorAssert assertThatNgrokError(Response response) {
        return rendered(response.statusCode(), response.getHeader("Content-Type"),
                response.getHeader(OPERATION_ID_HEADER), response.asString(), true);
    }

    public static NgrokErrorAssert assertThatNgrokError(MockHttpServletResponse response) {
        try {
            return rendered(response.getStatus(), response.getContentType(), response.getHeader(OPERATION_ID_HEADER),
                    response.getContentAsString(StandardCharsets.UTF_8), true);
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static NgrokErrorAssert assertThatNgrokError(RawHttp.Reply reply) {
        return rendered(reply.status(), reply.headers().get("Content-Type"), reply.headers().get(OPERATION_ID_HEADER),
                reply.body(), true);
    }

    /** An answer whose headers the client did not keep: everything but the headers is checked. */
    public static NgrokErrorAssert assertThatNgrokError(int status, String body) {
        return rendered(status, null, null, body, false);
    }

    /** An answer from any other client: its status, Content-Type and operation ID headers, and its body. */
    public static NgrokErrorAssert assertThatNgrokError(int status, @Nullable String contentType,
            @Nullable String operationIdHeader, String body) {
        return rendered(status, contentType, operationIdHeader, body, true);
    }

    /** What the service raised, before the writer renders it. */
    public static NgrokErrorAssert assertThatNgrokError(NgrokException exception) {
        Map<String, Object> json = new LinkedHashMap<>();
        if (exception.errorCode() != null) {
            json.put("error_code", exception.errorCode());
        }
        json.put("status_code", exception.status().value());
        json.put("msg", exception.getMessage());
        json.put("details", new LinkedHashMap<>(exception.details()));
        return new NgrokErrorAssert(new Answer(exception.status().value(), null, null, String.valueOf(json), json,
                false, false));
    }

    /** Runs {@code call}, which must throw an {@link NgrokException}, and asserts on that. */
    public static NgrokErrorAssert assertThatNgrokErrorThrownBy(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("what the call threw").isInstanceOf(NgrokException.class);
        return assertThatNgrokError((NgrokException) thrown);
    }

    private static NgrokErrorAssert rendered(int status, @Nullable String contentType,
            @Nullable String operationIdHeader, String body, boolean headersKept) {
        Map<String, Object> json;
        try {
            json = JsonPath.from(body).getMap("$");
        } catch (RuntimeException e) {
            throw new AssertionError("HTTP " + status + " did not answer a JSON object: " + body, e);
        }
        if (json == null) {
            throw new AssertionError("HTTP " + status + " did not answer a JSON object: " + body);
        }
        return new NgrokErrorAssert(new Answer(status, contentType, operationIdHeader, body, json, true, headersKept));
    }

    /**
     * Everything an envelope must be, whatever the error: JSON in UTF-8, only ngrok's keys (never Spring's), a
     * {@code status_code} equal to the HTTP status, a message without a stack trace, details made of strings, and
     * the operation ID of the header in them.
     */
    public NgrokErrorAssert isNgrokEnvelope() {
        isNotNull();
        if (actual.headersKept()) {
            isJsonInUtf8();
        }
        Map<String, Object> json = actual.json();
        assertThat(json).as(about("the body")).doesNotContainKeys("trace", "exception", "timestamp", "error", "status",
                "message", "path");
        assertThat(json.keySet()).as(about("the body")).containsAll(List.of("status_code", "msg", "details"));
        assertThat(ENVELOPE_KEYS).as(about("the body")).containsAll(json.keySet());
        assertThat(json.get("status_code")).as(about("status_code")).isEqualTo(actual.status());
        assertThat(json.get("msg")).as(about("msg")).isInstanceOf(String.class);
        assertThat((String) json.get("msg")).as(about("msg")).isNotBlank().doesNotContain("Exception")
                .doesNotContain("\tat ");
        if (json.containsKey("error_code")) {
            assertThat(json.get("error_code")).as(about("error_code")).isInstanceOf(String.class);
        }
        assertThat(json.get("details")).as(about("details")).isInstanceOf(Map.class);
        assertThat(details().values()).as(about("details"))
                .allSatisfy(value -> assertThat(value).isInstanceOf(String.class));
        if (actual.rendered()) {
            hasOperationId();
        }
        return this;
    }

    /** The HTTP status, and the same number in {@code status_code}. */
    public NgrokErrorAssert hasStatus(int status) {
        isNotNull();
        assertThat(actual.status()).as(about("HTTP status")).isEqualTo(status);
        assertThat(actual.json().get("status_code")).as(about("status_code")).isEqualTo(status);
        return this;
    }

    public NgrokErrorAssert hasCode(String errorCode) {
        isNotNull();
        assertThat(actual.json().get("error_code")).as(about("error_code")).isEqualTo(errorCode);
        return this;
    }

    /** No {@code error_code} key at all, as in ngrok's plain 404s. */
    public NgrokErrorAssert hasNoCode() {
        isNotNull();
        assertThat(actual.json()).as(about("the body")).doesNotContainKey("error_code");
        return this;
    }

    public NgrokErrorAssert hasMessage(String msg) {
        isNotNull();
        assertThat(actual.json().get("msg")).as(about("msg")).isEqualTo(msg);
        return this;
    }

    public NgrokErrorAssert hasMessageContaining(CharSequence... parts) {
        isNotNull();
        assertThat(message()).as(about("msg")).contains(parts);
        return this;
    }

    public NgrokErrorAssert hasMessageStartingWith(String prefix) {
        isNotNull();
        assertThat(message()).as(about("msg")).startsWith(prefix);
        return this;
    }

    /**
     * {@code details.operation_id} is an operation ID, the one the {@code Ngrok-Operation-Id} header carries (when the
     * client kept the headers).
     */
    public NgrokErrorAssert hasOperationId() {
        isNotNull();
        if (!actual.rendered()) {
            failWithMessage("an exception has no operation ID: the writer adds it when it renders the envelope");
        }
        assertThat(details().get("operation_id")).as(about("details.operation_id")).isInstanceOf(String.class);
        assertThat((String) details().get("operation_id")).as(about("details.operation_id"))
                .matches(OPERATION_ID_PATTERN);
        if (actual.headersKept()) {
            assertThat(actual.operationIdHeader()).as(about(OPERATION_ID_HEADER))
                    .isEqualTo(details().get("operation_id"));
        }
        return this;
    }

    public NgrokErrorAssert hasDetail(String key, String value) {
        isNotNull();
        assertThat(details()).as(about("details")).containsEntry(key, value);
        return this;
    }

    /** Exactly these detail keys; a rendered envelope's {@code operation_id} must be among them. */
    public NgrokErrorAssert hasOnlyDetailKeys(String... keys) {
        isNotNull();
        assertThat(details()).as(about("details")).containsOnlyKeys(keys);
        return this;
    }

    /** JSON, in UTF-8 (whatever the spacing around the {@code ;}). */
    public NgrokErrorAssert isJsonInUtf8() {
        isNotNull();
        assertThat(actual.contentType()).as(about("Content-Type")).isNotNull();
        MediaType type = MediaType.parseMediaType(actual.contentType());
        assertThat(type.getType() + "/" + type.getSubtype()).as(about("Content-Type"))
                .isEqualTo("application/json");
        assertThat(type.getCharset()).as(about("charset of the Content-Type")).isEqualTo(StandardCharsets.UTF_8);
        return this;
    }

    /** None of these (e.g. an exception's message or class) anywhere in the body. */
    public NgrokErrorAssert doesNotReveal(String... secrets) {
        isNotNull();
        assertThat(actual.body()).as(about("the body")).doesNotContain(secrets);
        return this;
    }

    /** The body as JSON, for what only one test asserts. */
    public Map<String, Object> json() {
        return actual.json();
    }

    /** What is asserted, with the test's own description ({@code as(…)}) and the body, for the failure message. */
    private String about(String what) {
        String description = info.descriptionText();
        return (description.isEmpty() ? "" : "[" + description + "] ") + what + " in HTTP " + actual.status() + " "
                + actual.body();
    }

    private String message() {
        Object msg = actual.json().get("msg");
        assertThat(msg).as(about("msg")).isInstanceOf(String.class);
        return (String) msg;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> details() {
        Object details = actual.json().get("details");
        assertThat(details).as(about("details")).isInstanceOf(Map.class);
        return (Map<String, Object>) details;
    }
}
