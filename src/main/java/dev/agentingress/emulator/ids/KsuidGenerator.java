package dev.agentingress.emulator.ids;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Makes KSUIDs. {@link #nextAfter} gives strictly increasing IDs when each call is handed the previous result: an ID
 * made in the same second as the previous one (or after the clock stepped back) keeps that second and adds a random
 * 63-bit step to the previous payload, so "newest first" by ID is creation order even for many IDs a second, and an
 * ID is never made twice (not even after the newest one was deleted). Random payloads keep unrelated IDs apart.
 */
public class KsuidGenerator {

    private static final BigInteger PAYLOAD_LIMIT = BigInteger.ONE.shiftLeft(Ksuid.PAYLOAD_BYTES * 8);

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public KsuidGenerator(Clock clock) {
        this.clock = clock;
    }

    /**
     * A KSUID later than {@code previous} (itself a KSUID), with the second of {@code now} unless that would go back.
     */
    public String nextAfter(String previous, Instant now) {
        byte[] previousBytes = Ksuid.decode(previous);
        long previousSeconds = ((previousBytes[0] & 0xFFL) << 24) | ((previousBytes[1] & 0xFFL) << 16)
                | ((previousBytes[2] & 0xFFL) << 8) | (previousBytes[3] & 0xFFL);
        long seconds = ksuidSeconds(now);
        if (seconds > previousSeconds) {
            return Ksuid.encode(seconds, randomPayload());
        }
        // a random step rather than +1: a deleted ingress's ID must never come back for the next create
        BigInteger payload = new BigInteger(1, Arrays.copyOfRange(previousBytes, 4, previousBytes.length))
                .add(BigInteger.valueOf(1 + (random.nextLong() >>> 1)));
        if (payload.compareTo(PAYLOAD_LIMIT) >= 0) {
            // random, not zero: after the newest is deleted, the next create would carry into that same ID again
            return Ksuid.encode(previousSeconds + 1, randomPayload());
        }
        return Ksuid.encode(previousSeconds, toPayloadBytes(payload));
    }

    /** A new ID with the current second and a random payload, for IDs that need no order (fault rules). */
    public String nextRandom() {
        return Ksuid.encode(ksuidSeconds(clock.instant()), randomPayload());
    }

    /**
     * As {@link #nextRandom}, for operation IDs: one is made for every request and only tells requests apart, so its
     * bytes come from the thread's own generator rather than from the shared SecureRandom (a lock and a read of the
     * system's generator per request).
     */
    public String nextForRequest() {
        byte[] payload = new byte[Ksuid.PAYLOAD_BYTES];
        ThreadLocalRandom.current().nextBytes(payload);
        return Ksuid.encode(ksuidSeconds(clock.instant()), payload);
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
