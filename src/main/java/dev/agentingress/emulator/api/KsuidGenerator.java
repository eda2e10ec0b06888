package dev.agentingress.emulator.api;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;

import org.springframework.stereotype.Component;

/**
 * Makes KSUIDs that are monotonic within this process: an ID made in the same second as the previous one (or after
 * the clock stepped back) reuses that second and adds one to the previous payload, so that "newest first" by ID is
 * creation order even for many IDs a second. Random payloads keep IDs from separate processes apart.
 */
@Component
public class KsuidGenerator {

    private static final BigInteger PAYLOAD_LIMIT = BigInteger.ONE.shiftLeft(Ksuid.PAYLOAD_BYTES * 8);

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private long lastSeconds = -1;
    private BigInteger lastPayload = BigInteger.ZERO;

    public KsuidGenerator(Clock clock) {
        this.clock = clock;
    }

    /** A new ID, later in KSUID order than every ID this generator made before. */
    public synchronized String nextMonotonic() {
        long seconds = ksuidSeconds(clock.instant());
        if (seconds > lastSeconds) {
            lastSeconds = seconds;
            lastPayload = new BigInteger(1, randomPayload());
        } else {
            lastPayload = lastPayload.add(BigInteger.ONE);
            if (lastPayload.compareTo(PAYLOAD_LIMIT) >= 0) {
                lastSeconds++;
                lastPayload = BigInteger.ZERO;
            }
        }
        return Ksuid.encode(lastSeconds, toPayloadBytes(lastPayload));
    }

    /** A new ID with the current second and a random payload, for operation IDs that need no order. */
    public String nextRandom() {
        return Ksuid.encode(ksuidSeconds(clock.instant()), randomPayload());
    }

    private static long ksuidSeconds(Instant instant) {
        return instant.getEpochSecond() - Ksuid.EPOCH_SECONDS;
    }

    private byte[] randomPayload() {
        byte[] payload = new byte[Ksuid.PAYLOAD_BYTES];
        random.nextBytes(payload);
        return payload;
    }

    private static byte[] toPayloadBytes(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] payload = new byte[Ksuid.PAYLOAD_BYTES];
        int copied = Math.min(raw.length, Ksuid.PAYLOAD_BYTES);
        System.arraycopy(raw, raw.length - copied, payload, Ksuid.PAYLOAD_BYTES - copied, copied);
        return payload;
    }
}
