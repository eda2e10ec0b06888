package dev.agentingress.emulator.controls.faults;

import java.time.Duration;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * What one call suffers: a delay, a failure in ngrok's envelope, or both (the delay first). Built only through
 * {@link #of}, which holds the rules the header and the {@code /_emulator/faults} rules share.
 *
 * @param latency   how long the answer waits; zero for none
 * @param status    the error status to answer with; null to run the operation after the delay
 * @param errorCode the envelope's {@code error_code}; null leaves it out, as ngrok does where it has none
 */
record Fault(Duration latency, @Nullable HttpStatusCode status, @Nullable String errorCode) {

    /** A delay longer than this is surely a typo, and would only tie up a server thread. */
    static final long MAX_LATENCY_MS = 60_000;
    static final Duration MAX_LATENCY = Duration.ofMillis(MAX_LATENCY_MS);
    /** Any code of the two error classes, not only those Spring names: a test may want 599 or 499. */
    static final int MIN_STATUS = 400;
    static final int MAX_STATUS = 599;
    static final String ERROR_CODE = "[A-Za-z0-9_]{1,64}";
    private static final Pattern ERROR_CODE_PATTERN = Pattern.compile(ERROR_CODE);

    /**
     * @throws IllegalArgumentException saying what is wrong, in words the caller puts into its 400
     */
    static Fault of(@Nullable Integer status, @Nullable Duration latency, @Nullable String errorCode) {
        Duration delay = latency == null ? Duration.ZERO : latency;
        if (status == null && delay.isZero()) {
            throw new IllegalArgumentException("name a status, a latency or both");
        }
        if (delay.isNegative() || delay.compareTo(MAX_LATENCY) > 0) {
            throw new IllegalArgumentException("the latency must be from 0 to " + MAX_LATENCY.toMillis() + " ms");
        }
        if (status != null && (status < MIN_STATUS || status > MAX_STATUS)) {
            throw new IllegalArgumentException("the status must be an HTTP error status from " + MIN_STATUS + " to "
                    + MAX_STATUS + ", not " + status);
        }
        HttpStatusCode resolved = status == null ? null : HttpStatusCode.valueOf(status);
        if (errorCode != null && resolved == null) {
            throw new IllegalArgumentException("an error code needs a status");
        }
        if (errorCode != null && !ERROR_CODE_PATTERN.matcher(errorCode).matches()) {
            throw new IllegalArgumentException("the error code must be letters, digits and underscores, such as "
                    + "ERR_NGROK_226");
        }
        return new Fault(delay, resolved, errorCode);
    }

    /** The status as a person reads it: "503 Service Unavailable", or the bare number where it has no name. */
    String describeStatus() {
        if (status == null) {
            return "none";
        }
        HttpStatus named = HttpStatus.resolve(status.value());
        return named == null ? String.valueOf(status.value()) : status.value() + " " + named.getReasonPhrase();
    }
}
