package dev.agentingress.emulator.agentingress.filter;

import org.jspecify.annotations.Nullable;

/**
 * A {@code filter} that is not a valid CEL expression, or uses something ngrok's filtering does not support.
 * Its {@linkplain #getDetail() detail} is one line, meant for {@code Invalid CEL query: <detail>}.
 */
public class InvalidFilterException extends RuntimeException {

    private final String detail;

    public InvalidFilterException(String detail) {
        this(detail, null);
    }

    public InvalidFilterException(String detail, @Nullable Throwable cause) {
        super(detail, cause);
        this.detail = detail;
    }

    public String getDetail() {
        return detail;
    }
}
