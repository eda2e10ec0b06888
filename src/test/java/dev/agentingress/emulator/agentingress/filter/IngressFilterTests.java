package dev.agentingress.emulator.agentingress.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IngressFilterTests {

    private static final Instant NOW = Instant.parse("2025-06-15T12:00:00Z");

    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static final FilterableIngress INGRESS = new FilterableIngress("agin_2vQ3nBqkh1EWWw5A7lSGCCYsoZw",
            Instant.parse("2025-06-10T12:00:00Z"), "staging ingress", "{\"team\":\"edge\"}", "app.example.com");

    // description and metadata absent
    private static final FilterableIngress BARE = new FilterableIngress("agin_2vQ3oFq0Dz5EJ0TJGhEzPUXAZbq",
            Instant.parse("2025-05-16T12:00:00Z"), "", "", "bare.example.com");

    // Supported

    @Test
    void equalsOnId() {
        assertThat(matches("obj.id == \"agin_2vQ3nBqkh1EWWw5A7lSGCCYsoZw\"", INGRESS)).isTrue();
        assertThat(matches("obj.id == \"agin_2vQ3nBqkh1EWWw5A7lSGCCYsoZw\"", BARE)).isFalse();
    }

    @Test
    void notEqualsOnId() {
        assertThat(matches("obj.id != \"agin_2vQ3nBqkh1EWWw5A7lSGCCYsoZw\"", INGRESS)).isFalse();
        assertThat(matches("obj.id != \"agin_2vQ3nBqkh1EWWw5A7lSGCCYsoZw\"", BARE)).isTrue();
    }

    @Test
    void inListOnId() {
        String expression = "obj.id in [\"agin_2vQ3nBqkh1EWWw5A7lSGCCYsoZw\", \"agin_2vQ3pXGp5AqzDxKmJb7fN1Yc4bQ\"]";
        assertThat(matches(expression, INGRESS)).isTrue();
        assertThat(matches(expression, BARE)).isFalse();
    }

    @Test
    void inListOnOtherFields() {
        assertThat(matches("obj.domain in [\"app.example.com\", \"api.example.com\"]", INGRESS)).isTrue();
        assertThat(matches("obj.description in [\"\"]", INGRESS)).isFalse();
    }

    @Test
    void logicalNot() {
        assertThat(matches("!obj.domain.startsWith(\"bare\")", INGRESS)).isTrue();
        assertThat(matches("!obj.domain.startsWith(\"bare\")", BARE)).isFalse();
    }

    @Test
    void logicalAnd() {
        assertThat(matches("obj.domain == \"app.example.com\" && obj.metadata != \"\"", INGRESS)).isTrue();
        assertThat(matches("obj.domain == \"app.example.com\" && obj.metadata == \"\"", INGRESS)).isFalse();
    }

    @Test
    void logicalOr() {
        assertThat(matches("obj.domain == \"nope.example.com\" || obj.metadata != \"\"", INGRESS)).isTrue();
        assertThat(matches("obj.domain == \"nope.example.com\" || obj.metadata == \"\"", INGRESS)).isFalse();
    }

    @Test
    void parenthesesOverridePrecedence() {
        assertThat(matches("obj.domain == \"app.example.com\" || obj.description == \"x\" && obj.metadata == \"x\"",
                INGRESS)).isTrue();
        assertThat(matches("(obj.domain == \"app.example.com\" || obj.description == \"x\") && obj.metadata == \"x\"",
                INGRESS)).isFalse();
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            obj.domain <  "b"               | true
            obj.domain <  "app"             | false
            obj.domain <= "app.example.com" | true
            obj.domain == "app.example.com" | true
            obj.domain != "app.example.com" | false
            obj.domain >= "b"               | false
            obj.domain >  "app"             | true
            """)
    void comparisonOfStrings(String expression, boolean expected) {
        assertThat(matches(expression, INGRESS)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            obj.created_at <  timestamp("2025-06-11T00:00:00Z")      | true
            obj.created_at <= timestamp("2025-06-10T12:00:00Z")      | true
            obj.created_at == timestamp("2025-06-10T14:00:00+02:00") | true
            obj.created_at != timestamp("2025-06-10T12:00:00Z")      | false
            obj.created_at >= timestamp("2025-06-10T12:00:00.001Z")  | false
            obj.created_at >  timestamp("2025-06-11T00:00:00Z")      | false
            """)
    void comparisonOfTimestamps(String expression, boolean expected) {
        assertThat(matches(expression, INGRESS)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            obj.domain.startsWith("app.")        | true
            obj.domain.startsWith("example")     | false
            obj.description.startsWith("stag")   | true
            """)
    void startsWith(String expression, boolean expected) {
        assertThat(matches(expression, INGRESS)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            obj.domain.contains("example")     | true
            obj.description.contains("prod")   | false
            obj.metadata.contains("\\"edge\\"")  | true
            """)
    void contains(String expression, boolean expected) {
        assertThat(matches(expression, INGRESS)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            obj.domain.endsWith(".example.com")  | true
            obj.domain.endsWith(".ngrok.app")    | false
            obj.description.endsWith("ingress")  | true
            """)
    void endsWith(String expression, boolean expected) {
        assertThat(matches(expression, INGRESS)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            size(obj.domain) == 15            | true
            obj.description.size() > 100      | false
            size(obj.metadata) > 0            | true
            """)
    void size(String expression, boolean expected) {
        assertThat(matches(expression, INGRESS)).isEqualTo(expected);
    }

    @Test
    void comparisonWithEmptyString() {
        assertThat(matches("obj.metadata != \"\"", INGRESS)).isTrue();
        assertThat(matches("obj.metadata != \"\"", BARE)).isFalse();
    }

    @Test
    void absentDescriptionReadsAsEmptyString() {
        assertThat(matches("obj.description == \"\"", BARE)).isTrue();
        assertThat(matches("size(obj.description) == 0", BARE)).isTrue();
        assertThat(matches("obj.description.startsWith(\"\")", BARE)).isTrue();
    }

    @Test
    void absentDescriptionAndMetadataEqualNull() {
        assertThat(matches("obj.description == null", BARE)).isTrue();
        assertThat(matches("null == obj.metadata", BARE)).isTrue();
        assertThat(matches("obj.description != null", BARE)).isFalse();
    }

    @Test
    void presentDescriptionAndMetadataDoNotEqualNull() {
        assertThat(matches("obj.description == null", INGRESS)).isFalse();
        assertThat(matches("obj.metadata != null", INGRESS)).isTrue();
    }

    @Test
    void alwaysPresentFieldsDoNotEqualNull() {
        assertThat(matches("obj.id == null || obj.domain == null || obj.created_at == null", INGRESS)).isFalse();
        assertThat(matches("obj.id != null && obj.domain != null && obj.created_at != null", INGRESS)).isTrue();
    }

    @Test
    void timestampOfRfc3339Literal() {
        assertThat(matches("obj.created_at > timestamp(\"2025-01-01T00:00:00Z\")", INGRESS)).isTrue();
        assertThat(matches("obj.created_at > timestamp(\"2025-06-11T00:00:00+02:00\")", INGRESS)).isFalse();
    }

    @Test
    void daysAgoCountsBackFromTheClock() {
        assertThat(matches("obj.created_at > daysAgo(7)", INGRESS)).isTrue();
        assertThat(matches("obj.created_at > daysAgo(7)", BARE)).isFalse();
        assertThat(matches("daysAgo(7) == timestamp(\"2025-06-08T12:00:00Z\")", INGRESS)).isTrue();
    }

    @Test
    void nowReadsTheClock() {
        assertThat(matches("now() == timestamp(\"2025-06-15T12:00:00Z\")", INGRESS)).isTrue();
        assertThat(matches("obj.created_at < now()", INGRESS)).isTrue();
    }

    @Test
    void nowIsTheInstantOfCompilation() {
        MovableClock clock = new MovableClock(NOW);
        IngressFilter filter = IngressFilter.compile("now() == timestamp(\"2025-06-15T12:00:00Z\")", clock);
        clock.instant = NOW.plus(Duration.ofHours(1));
        assertThat(filter.matches(INGRESS)).isTrue();
    }

    @Test
    void compiledFilterIsReusedAcrossRows() {
        IngressFilter filter = IngressFilter.compile("obj.description == \"\"", CLOCK);
        assertThat(filter.matches(INGRESS)).isFalse();
        assertThat(filter.matches(BARE)).isTrue();
    }

    // Rejected

    @Test
    void startsWithOnIdIsRejected() {
        assertThat(rejection("obj.id.startsWith(\"agin\")")).isEqualTo("obj.id can only be compared with ==, != or in");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "obj.id.contains(\"2vQ\")",
            "obj.id.endsWith(\"Zw\")",
            "size(obj.id) > 0",
            "obj.id.size() > 0",
            "obj.id < \"agin_z\"",
            "obj.id >= \"agin_a\"",
            "\"agin_2vQ3nBqkh1EWWw5A7lSGCCYsoZw\" in [obj.id]",
            "obj.domain.contains(obj.id)"})
    void otherUsesOfIdAreRejected(String expression) {
        assertThat(rejection(expression)).isEqualTo("obj.id can only be compared with ==, != or in");
    }

    @Test
    void unknownFieldIsRejected() {
        assertThat(rejection("obj.foo == \"x\"")).isEqualTo("field 'obj.foo' is not filterable");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"obj.name == \"x\"", "obj.id.foo == \"x\"", "obj.uri.startsWith(\"https\")"})
    void otherFieldsAreRejected(String expression) {
        assertThat(rejection(expression)).endsWith("is not filterable");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"foo == \"x\"", "ingress.id == \"x\"", "obj.domain == domain"})
    void otherVariablesAreRejected(String expression) {
        assertThat(rejection(expression)).startsWith("unknown variable '");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"obj == null", "size(obj) > 0"})
    void objOnItsOwnIsRejected(String expression) {
        assertThat(rejection(expression)).isEqualTo("'obj' can only be used through its fields, e.g. obj.id");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"obj.domain[0] == \"a\"", "[1, 2][0] == 1", "{\"a\": true}[\"a\"]"})
    void indexAccessIsRejected(String expression) {
        assertThat(rejection(expression)).isEqualTo("index access is not supported");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            size(obj.domain) + 1 > 2                     | +
            size(obj.domain) - 1 > 2                     | -
            size(obj.domain) * 2 > 2                     | *
            size(obj.domain) / 2 > 2                     | /
            size(obj.domain) % 2 == 0                    | %
            -size(obj.domain) < 0                        | -
            obj.created_at + duration("1h") > now()      | +
            now() - obj.created_at > duration("1h")      | -
            obj.created_at > now() - duration("24h")     | -
            obj.domain + "x" == "app.example.comx"       | +
            """)
    void arithmeticIsRejected(String expression, String operator) {
        assertThat(rejection(expression)).isEqualTo("operator '" + operator + "' is not supported");
    }

    @Test
    void conditionalIsRejected() {
        assertThat(rejection("obj.domain == \"a\" ? true : false"))
                .isEqualTo("the conditional operator '?:' is not supported");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            type(obj.domain) == string          | type
            int("1") == 1                       | int
            uint(1) > 0u                        | uint
            double(size(obj.domain)) > 0.5      | double
            string(obj.created_at) == "x"       | string
            bytes(obj.domain) == b"x"           | bytes
            bool("true")                        | bool
            dyn(obj.domain) == "a"              | dyn
            duration("1h") > duration("1m")     | duration
            """)
    void typeChecksAndConversionsAreRejected(String expression, String function) {
        assertThat(rejection(expression)).isEqualTo("function '" + function + "' is not supported");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"timestamp(obj.description) < now()", "timestamp(1735689600) < now()",
            "obj.created_at > timestamp(\"2025-01-\" + \"01T00:00:00Z\")"})
    void timestampOfAnythingButAStringLiteralIsRejected(String expression) {
        assertThat(rejection(expression)).startsWith("timestamp() only accepts a string literal");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"obj.domain.matches(\"^app\")", "matches(obj.domain, \"^app\")"})
    void regexIsRejected(String expression) {
        assertThat(rejection(expression)).isEqualTo("function 'matches' is not supported");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            has(obj.description)                 | has
            [1, 2].all(x, x > 0)                 | all
            [1, 2].exists(x, x > 1)              | exists
            [1, 2].exists_one(x, x > 1)          | exists_one
            [1, 2].map(x, x) == [1, 2]           | map
            [1, 2].filter(x, x > 1) == [2]       | filter
            """)
    void macrosAreRejected(String expression, String macro) {
        assertThat(rejection(expression)).isEqualTo("macro '" + macro + "' is not supported");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            obj.domain.lowerAscii() == "app"           | lowerAscii
            obj.created_at.getFullYear() == 2025       | getFullYear
            obj.domain.indexOf("a") == 0               | indexOf
            daysBetween(obj.created_at, now()) < 7     | daysBetween
            """)
    void otherFunctionsAreRejected(String expression, String function) {
        assertThat(rejection(expression)).isEqualTo("function '" + function + "' is not supported");
    }

    @Test
    void mapLiteralIsRejected() {
        assertThat(rejection("{\"a\": 1} == {\"a\": 1}")).isEqualTo("map literals are not supported");
    }

    @Test
    void messageLiteralIsRejected() {
        assertThat(rejection("google.protobuf.Timestamp{seconds: 1} < now()"))
                .isEqualTo("message literals are not supported");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"obj.domain", "size(obj.domain)", "now()", "\"true\"", "null", "[true]"})
    void nonBooleanExpressionIsRejected(String expression) {
        assertThat(rejection(expression)).isEqualTo("expression must evaluate to a boolean");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"obj.domain == 1", "obj.created_at > \"2025-01-01\"", "obj.description.startsWith(1)",
            "now(1) > obj.created_at", "!obj.domain"})
    void typeErrorIsRejected(String expression) {
        assertThat(rejection(expression)).contains("no matching overload");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "obj.domain ==", "obj.domain == \"a", "(obj.domain == \"a\"", "obj.domain = \"a\""})
    void syntaxErrorIsRejected(String expression) {
        assertThat(rejection(expression)).isNotBlank();
    }

    @Test
    void syntaxErrorDetailIsOneLineWithItsPosition() {
        assertThat(rejection("obj.domain == \"a\" &&")).endsWith(" at column 21");
        assertThat(rejection("obj.domain == \"a\" &&\n  obj.id ==")).endsWith(" at line 2, column 12");
    }

    @Test
    void typeErrorDetailIsOneLineWithItsPosition() {
        assertThat(rejection("obj.domain == 1")).endsWith(" at column 12");
        assertThat(rejection("obj.description == null && obj.domain == 1")).endsWith(" at column 39");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"yesterday", "2025-01-01", "2025-13-01T00:00:00Z", "0000-01-01T00:00:00Z"})
    void invalidTimestampLiteralIsRejected(String text) {
        assertThat(rejection("obj.created_at > timestamp(\"" + text + "\")"))
                .isEqualTo("invalid timestamp '" + text + "', expected RFC 3339");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"obj.created_at > daysAgo(size(obj.domain))", "obj.created_at > daysAgo(7.0)",
            "obj.created_at > daysAgo(\"7\")", "obj.created_at > daysAgo(-(7))"})
    void daysAgoOfAnythingButAnIntegerLiteralIsRejected(String expression) {
        assertThat(rejection(expression)).startsWith("daysAgo() only accepts an integer literal");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(longs = {Long.MAX_VALUE, 1_000_000_000L, -3_000_000L})
    void daysAgoOutOfTheRangeOfTimestampsIsRejected(long days) {
        assertThat(rejection("obj.created_at > daysAgo(" + days + ")"))
                .isEqualTo("daysAgo(" + days + ") is out of the range of timestamps");
    }

    private static boolean matches(String expression, FilterableIngress ingress) {
        return IngressFilter.compile(expression, CLOCK).matches(ingress);
    }

    private static String rejection(String expression) {
        String detail = assertThrows(InvalidFilterException.class, () -> IngressFilter.compile(expression, CLOCK))
                .getDetail();
        assertThat(detail).doesNotContain("\n", "\r");
        return detail;
    }

    private static final class MovableClock extends Clock {

        private Instant instant;

        MovableClock(Instant instant) {
            this.instant = instant;
        }

        @Override
        public Instant instant() {
            return instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
