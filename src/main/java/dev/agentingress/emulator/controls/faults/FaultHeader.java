package dev.agentingress.emulator.controls.faults;

import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.agentingress.emulator.api.error.NgrokErrors;
import dev.agentingress.emulator.api.error.NgrokException;

/**
 * Reads the per-request fault header: comma-separated {@code key=value} pairs, {@code status=503},
 * {@code latency=250ms} (or {@code 2s}; a bare number is milliseconds) and {@code code=ERR_NGROK_226}.
 */
final class FaultHeader {

    static final String NAME = "Ngrok-Emulator-Fault";

    private static final Pattern STATUS = Pattern.compile("\\d{3}");
    private static final Pattern LATENCY = Pattern.compile("(\\d{1,9})\\s*(ms|s)?", Pattern.CASE_INSENSITIVE);
    /** Enough of a bad header to recognise it, without echoing kilobytes of it. */
    private static final int QUOTED_LENGTH = 200;

    private FaultHeader() {
    }

    /**
     * @throws NgrokException a 400 in ngrok's envelope (no error code: ngrok has none for this) saying what is wrong
     */
    static Fault parse(String header) {
        Integer status = null;
        Duration latency = null;
        String code = null;
        Set<String> seen = new HashSet<>();
        try {
            for (String pair : header.split(",", -1)) {
                int separator = pair.indexOf('=');
                if (separator < 0) {
                    throw new IllegalArgumentException("expected key=value pairs separated by commas");
                }
                String key = pair.substring(0, separator).trim().toLowerCase(Locale.ROOT);
                String value = pair.substring(separator + 1).trim();
                if (!seen.add(key)) {
                    throw new IllegalArgumentException("'" + key + "' is given twice");
                }
                switch (key) {
                    case "status" -> status = status(value);
                    case "latency" -> latency = latency(value);
                    case "code" -> code = value;
                    default -> throw new IllegalArgumentException("unknown key '" + key + "' (the keys are status, "
                            + "latency and code)");
                }
            }
            return Fault.of(status, latency, code);
        } catch (IllegalArgumentException e) {
            throw invalid(header, e.getMessage());
        }
    }

    private static int status(String value) {
        if (!STATUS.matcher(value).matches()) {
            throw new IllegalArgumentException("the status must be a number such as 503");
        }
        return Integer.parseInt(value);
    }

    private static Duration latency(String value) {
        Matcher matcher = LATENCY.matcher(value);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("the latency must be a duration such as 250ms or 2s");
        }
        long amount = Long.parseLong(matcher.group(1));
        return "s".equalsIgnoreCase(matcher.group(2)) ? Duration.ofSeconds(amount) : Duration.ofMillis(amount);
    }

    private static NgrokException invalid(String header, @Nullable String problem) {
        String quoted = header.length() > QUOTED_LENGTH ? header.substring(0, QUOTED_LENGTH) + "…" : header;
        return NgrokErrors.plainStatus(400, "The " + NAME + " header '" + quoted + "' is invalid: " + problem
                + ". Use e.g. 'status=503', 'latency=250ms' or 'status=503, latency=100ms, code=ERR_NGROK_226'.");
    }
}
