package dev.agentingress.emulator.api.error;

import jakarta.servlet.ServletRequest;

import org.jspecify.annotations.Nullable;

/**
 * The {@code op_} ID of a request: given to every request as it arrives, answered in the {@code Ngrok-Operation-Id}
 * header of every response and in {@code details.operation_id} of every error.
 */
public final class OperationId {

    public static final String HEADER = "Ngrok-Operation-Id";

    private static final String ATTRIBUTE = OperationId.class.getName();

    private OperationId() {
    }

    public static void assign(ServletRequest request, String operationId) {
        request.setAttribute(ATTRIBUTE, operationId);
    }

    /** Null where the request got none: Tomcat answered it before any filter ran. */
    public static @Nullable String assigned(ServletRequest request) {
        return (String) request.getAttribute(ATTRIBUTE);
    }

    public static String of(ServletRequest request) {
        String assigned = assigned(request);
        return assigned != null ? assigned : "op_unassigned";
    }
}
