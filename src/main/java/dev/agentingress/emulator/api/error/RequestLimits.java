package dev.agentingress.emulator.api.error;

/** What one request may hold: enforced by the filters, named by the errors that refuse more. */
public final class RequestLimits {

    public static final long MAX_BODY_BYTES = 1024 * 1024;

    /** Tomcat's own limit ({@code maxParameterCount}): past it, it would drop the rest and fail the request. */
    public static final int MAX_QUERY_PARAMETERS = 1000;

    private RequestLimits() {
    }
}
