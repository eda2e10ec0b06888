package dev.agentingress.emulator.api.error;

import java.io.IOException;

/** Reading a request body went past {@link RequestLimits#MAX_BODY_BYTES}: answered 413 in ngrok's envelope. */
public final class BodyTooLargeException extends IOException {

    public BodyTooLargeException() {
        super("request body over the limit");
    }
}
