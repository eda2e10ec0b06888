package dev.agentingress.emulator.api.error;

import java.io.IOException;

/** Reading a request body went past its limit ({@link RequestLimits}): answered 413 in ngrok's envelope. */
public final class BodyTooLargeException extends IOException {

    private final long maxBytes;

    public BodyTooLargeException(long maxBytes) {
        super("request body over the limit of " + maxBytes + " bytes");
        this.maxBytes = maxBytes;
    }

    /** The limit the body went past, which the 413 names. */
    public long maxBytes() {
        return maxBytes;
    }
}
