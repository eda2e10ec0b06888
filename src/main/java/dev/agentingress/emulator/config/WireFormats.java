package dev.agentingress.emulator.config;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.springframework.boot.convert.DurationStyle;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * How names, times and durations look on the wire, in one place, for every body the emulator reads or writes.
 * <ul>
 * <li>Names are snake_case, as ngrok writes them.</li>
 * <li>Times are RFC 3339 in UTC with {@code Z}, as {@link DateTimeFormatter#ISO_INSTANT} writes them: a fraction only
 * where the instant has one, in groups of three digits. The precision is the producer's: ngrok's resources are whole
 * seconds, the journal's times milliseconds. A time is read as {@link Instant#parse} reads it (an offset too) and
 * only from a JSON string: a number is no time, whatever epoch it might count from.</li>
 * <li>Durations are ISO-8601 ({@code PT1H}) or the simple form of the emulator's own settings ({@code 90s},
 * {@code 2d}; a bare number is milliseconds), read only from a JSON string.</li>
 * </ul>
 */
public final class WireFormats {

    /** What a time must look like, in words an error message can use after "must be". */
    public static final String TIME = "an RFC 3339 time such as 2025-09-04T10:11:37Z";
    /** What a duration must look like, in words an error message can use after "must be". */
    public static final String DURATION = "an ISO-8601 duration such as PT1H, or a number and a unit (ms, s, m, h or d)"
            + " such as 90s or 2d";

    static final SnakeCase NAMING = new SnakeCase();

    private WireFormats() {
    }

    /** The name a Java property has on the wire, e.g. {@code latency_ms} for {@code latencyMs}. */
    public static String wireName(String javaName) {
        return NAMING.translate(javaName);
    }

    static SimpleModule module() {
        return new SimpleModule("emulator-wire-formats")
                .addSerializer(Instant.class, new TimeSerializer())
                .addDeserializer(Instant.class, new TimeDeserializer())
                .addDeserializer(Duration.class, new DurationDeserializer());
    }

    /** Jackson's snake_case, with the translation of one name open to {@link #wireName}. */
    static final class SnakeCase extends PropertyNamingStrategies.SnakeCaseStrategy {

        @Override
        protected String translate(String input) {
            return super.translate(input);
        }
    }

    private static final class TimeSerializer extends StdSerializer<Instant> {

        TimeSerializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializationContext context) {
            generator.writeString(DateTimeFormatter.ISO_INSTANT.format(value));
        }
    }

    private static final class TimeDeserializer extends StdScalarDeserializer<Instant> {

        TimeDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (Instant) context.handleUnexpectedToken(Instant.class, parser);
            }
            String text = parser.getString();
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                return (Instant) context.handleWeirdStringValue(Instant.class, text, "not " + TIME);
            }
        }
    }

    private static final class DurationDeserializer extends StdScalarDeserializer<Duration> {

        DurationDeserializer() {
            super(Duration.class);
        }

        @Override
        public Duration deserialize(JsonParser parser, DeserializationContext context) {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (Duration) context.handleUnexpectedToken(Duration.class, parser);
            }
            String text = parser.getString();
            try {
                return DurationStyle.detectAndParse(text);
            } catch (IllegalArgumentException | ArithmeticException e) {
                // ArithmeticException: a number of days or hours too large for a Duration
                return (Duration) context.handleWeirdStringValue(Duration.class, text, "not " + DURATION);
            }
        }
    }
}
