package dev.agentingress.emulator.config;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;

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
                .addDeserializer(Instant.class, new TextDeserializer<>(Instant.class, Instant::parse, TIME))
                .addDeserializer(Duration.class,
                        new TextDeserializer<>(Duration.class, DurationStyle::detectAndParse, DURATION));
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

    /** A value read from a JSON string and nothing else, failing with what it must be, for the error message. */
    private static final class TextDeserializer<T> extends StdScalarDeserializer<T> {

        private final Class<T> type;
        private final Function<String, T> parse;
        private final String expected;

        TextDeserializer(Class<T> type, Function<String, T> parse, String expected) {
            super(type);
            this.type = type;
            this.parse = parse;
            this.expected = expected;
        }

        @Override
        public T deserialize(JsonParser parser, DeserializationContext context) {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return type.cast(context.handleUnexpectedToken(type, parser));
            }
            String text = parser.getString();
            try {
                return parse.apply(text);
            } catch (DateTimeException | IllegalArgumentException | ArithmeticException e) {
                // ArithmeticException: a number of days or hours too large for a Duration
                return type.cast(context.handleWeirdStringValue(type, text, "not " + expected));
            }
        }
    }
}
