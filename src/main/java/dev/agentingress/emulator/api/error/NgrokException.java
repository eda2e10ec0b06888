package dev.agentingress.emulator.api.error;

import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatusCode;

/**
 * An answer in ngrok's error envelope, raised anywhere (filter, controller, service) and rendered by
 * {@link NgrokErrorWriter}. Instances come from {@link NgrokErrors}, which holds ngrok's codes and messages.
 */
public class NgrokException extends RuntimeException {

    private final HttpStatusCode status;
    private final @Nullable String errorCode;
    private final Map<String, String> details;

    NgrokException(HttpStatusCode status, @Nullable String errorCode, String msg, Map<String, String> details) {
        super(msg, null, false, false);
        this.status = status;
        this.errorCode = errorCode;
        this.details = details;
    }

    public HttpStatusCode status() {
        return status;
    }

    public @Nullable String errorCode() {
        return errorCode;
    }

    /** ngrok's {@code msg}: every instance has one. */
    @Override
    public String getMessage() {
        return Objects.requireNonNull(super.getMessage());
    }

    /** The same error with one more detail, e.g. which item of an import it is about. */
    public NgrokException withDetail(String key, String value) {
        Map<String, String> more = new java.util.LinkedHashMap<>(details);
        more.put(key, value);
        return new NgrokException(status, errorCode, getMessage(), Map.copyOf(more));
    }

    /** Details besides the operation ID, which the writer adds. */
    public Map<String, String> details() {
        return details;
    }
}
