package dev.agentingress.emulator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;

/** Times and durations as the application's own JSON mapper reads and writes them. */
class WireFormatsTests {

    private final JsonMapper json = mapper();

    record Time(Instant at) {
    }

    record Span(Duration by) {
    }

    @ParameterizedTest
    @CsvSource({
            "2025-09-04T10:11:37Z,           \"2025-09-04T10:11:37Z\"",
            "2025-09-04T10:11:37.128Z,       \"2025-09-04T10:11:37.128Z\"",
            "2025-09-04T10:11:37.100Z,       \"2025-09-04T10:11:37.100Z\"",
            "2025-09-04T10:11:37.123456Z,    \"2025-09-04T10:11:37.123456Z\"",
            "2025-09-04T10:11:37.123456789Z, \"2025-09-04T10:11:37.123456789Z\""})
    void timesAreWrittenInUtcWithZAndOnlyTheFractionTheyHave(String instant, String written) {
        assertThat(json.writeValueAsString(Instant.parse(instant))).isEqualTo(written);
    }

    @ParameterizedTest
    @CsvSource({
            "2025-09-04T10:11:37Z,      2025-09-04T10:11:37Z",
            "2025-09-04T10:11:37.5Z,    2025-09-04T10:11:37.500Z",
            "2025-09-04T12:11:37+02:00, 2025-09-04T10:11:37Z"})
    void timesAreReadAsInstantParseReadsThem(String given, Instant read) {
        assertThat(json.readValue("{\"at\":\"" + given + "\"}", Time.class).at()).isEqualTo(read);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"at\":1757000000}", "{\"at\":\"1757000000\"}", "{\"at\":\"2025-09-04\"}",
            "{\"at\":\"yesterday\"}", "{\"at\":true}"})
    void anythingElseIsNoTime(String body) {
        assertThatExceptionOfType(MismatchedInputException.class).isThrownBy(() -> json.readValue(body, Time.class))
                .satisfies(e -> assertThat(e.getTargetType()).isEqualTo(Instant.class));
    }

    @ParameterizedTest
    @CsvSource({"PT1H, PT1H", "-PT30M, -PT30M", "P2D, PT48H", "90s, PT1M30S", "2d, PT48H", "500ms, PT0.5S",
            "10m, PT10M", "1500, PT1.5S"})
    void durationsAreIso8601OrTheSettingsSimpleForm(String given, Duration read) {
        assertThat(json.readValue("{\"by\":\"" + given + "\"}", Span.class).by()).isEqualTo(read);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"by\":\"1 hour\"}", "{\"by\":\"\"}", "{\"by\":\"999999999999999d\"}", "{\"by\":90}"})
    void anythingElseIsNoDuration(String body) {
        assertThatExceptionOfType(MismatchedInputException.class).isThrownBy(() -> json.readValue(body, Span.class))
                .satisfies(e -> assertThat(e.getTargetType()).isEqualTo(Duration.class));
    }

    @Test
    void aDurationInWordsKeepsTheTextForTheMessage() {
        assertThatExceptionOfType(InvalidFormatException.class)
                .isThrownBy(() -> json.readValue("{\"by\":\"1 hour\"}", Span.class))
                .satisfies(e -> assertThat(e.getValue()).isEqualTo("1 hour"));
    }

    @Test
    void javaNamesAreSnakeCaseOnTheWire() {
        assertThat(WireFormats.wireName("latencyMs")).isEqualTo("latency_ms");
        assertThat(WireFormats.wireName("by")).isEqualTo("by");
    }

    private static JsonMapper mapper() {
        JsonMapper.Builder builder = JsonMapper.builder();
        new JsonConfiguration().strictNgrokJson().customize(builder);
        return builder.build();
    }
}
