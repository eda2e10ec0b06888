package dev.agentingress.emulator.ids;

import java.time.Instant;

/**
 * A Segment-format KSUID, as ngrok's IDs are: 4 bytes of big-endian seconds since 2014-05-13T16:53:20Z followed by
 * 16 payload bytes, written in base62 ({@code 0-9A-Za-z}) and left-padded to 27 characters, so that string order is
 * byte order.
 */
public final class Ksuid {

    static final int ENCODED_LENGTH = 27;
    /** The smallest KSUID: what comes "before" the first ID of a sequence. */
    public static final String MIN = "0".repeat(ENCODED_LENGTH);
    static final long EPOCH_SECONDS = 1_400_000_000L;
    static final int PAYLOAD_BYTES = 16;
    private static final int TOTAL_BYTES = 4 + PAYLOAD_BYTES;
    /** The first instant a KSUID can hold: its epoch. */
    public static final Instant MIN_TIME = Instant.ofEpochSecond(EPOCH_SECONDS);
    /** The last second a KSUID can hold: its seconds are 32 bits, unsigned. */
    public static final Instant MAX_TIME = Instant.ofEpochSecond(EPOCH_SECONDS + 0xFFFF_FFFFL);
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private Ksuid() {
    }

    /** Whether an ID made at {@code instant} would say that instant (outside, its seconds would wrap around). */
    public static boolean holds(Instant instant) {
        return instant.getEpochSecond() >= MIN_TIME.getEpochSecond()
                && instant.getEpochSecond() <= MAX_TIME.getEpochSecond();
    }

    /** Encodes a timestamp (seconds since the KSUID epoch) and a 16-byte payload. */
    static String encode(long ksuidSeconds, byte[] payload) {
        byte[] bytes = new byte[TOTAL_BYTES];
        bytes[0] = (byte) (ksuidSeconds >>> 24);
        bytes[1] = (byte) (ksuidSeconds >>> 16);
        bytes[2] = (byte) (ksuidSeconds >>> 8);
        bytes[3] = (byte) ksuidSeconds;
        System.arraycopy(payload, 0, bytes, 4, PAYLOAD_BYTES);
        return base62(bytes);
    }

    /** The instant a KSUID's first four bytes name; throws IllegalArgumentException for anything else. */
    public static Instant timestampOf(String encoded) {
        if (!isWellFormed(encoded)) {
            throw new IllegalArgumentException("not a KSUID: " + encoded);
        }
        byte[] bytes = decode(encoded);
        long seconds = ((bytes[0] & 0xFFL) << 24) | ((bytes[1] & 0xFFL) << 16) | ((bytes[2] & 0xFFL) << 8)
                | (bytes[3] & 0xFFL);
        return Instant.ofEpochSecond(EPOCH_SECONDS + seconds);
    }

    /** True for 27 base62 characters that decode to at most 20 bytes. */
    public static boolean isWellFormed(String encoded) {
        if (encoded.length() != ENCODED_LENGTH) {
            return false;
        }
        for (int i = 0; i < encoded.length(); i++) {
            if (ALPHABET.indexOf(encoded.charAt(i)) < 0) {
                return false;
            }
        }
        // the largest 20-byte value encodes as "aWgEPTl1tmebfsQzFP4bxwgy80V"; anything above it overflows
        return encoded.compareTo("aWgEPTl1tmebfsQzFP4bxwgy80V") <= 0;
    }

    private static String base62(byte[] bytes) {
        char[] out = new char[ENCODED_LENGTH];
        int[] digits = new int[TOTAL_BYTES];
        for (int i = 0; i < TOTAL_BYTES; i++) {
            digits[i] = bytes[i] & 0xFF;
        }
        int position = ENCODED_LENGTH;
        int start = 0;
        while (start < digits.length && position > 0) {
            // one long division of the base-256 number by 62; the remainder is the next base62 digit
            int remainder = 0;
            for (int i = start; i < digits.length; i++) {
                int accumulator = remainder * 256 + digits[i];
                digits[i] = accumulator / 62;
                remainder = accumulator % 62;
            }
            out[--position] = ALPHABET.charAt(remainder);
            while (start < digits.length && digits[start] == 0) {
                start++;
            }
        }
        while (position > 0) {
            out[--position] = '0';
        }
        return new String(out);
    }

    /** The 20 bytes of a well-formed KSUID. */
    static byte[] decode(String encoded) {
        byte[] bytes = new byte[TOTAL_BYTES];
        for (int i = 0; i < encoded.length(); i++) {
            int carry = ALPHABET.indexOf(encoded.charAt(i));
            for (int j = TOTAL_BYTES - 1; j >= 0; j--) {
                int accumulator = (bytes[j] & 0xFF) * 62 + carry;
                bytes[j] = (byte) accumulator;
                carry = accumulator >>> 8;
            }
        }
        return bytes;
    }
}
