package dev.agentingress.emulator.api;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;

import dev.agentingress.emulator.api.error.NgrokErrors;
import dev.agentingress.emulator.api.error.RequestLimits;

/**
 * ngrok's strict reading of the query string: a parameter the operation does not know is ERR_NGROK_231 and a
 * repeated one ERR_NGROK_232, rather than being ignored. A query string that cannot be read at all (an empty name,
 * a broken percent-encoding, more parameters than the server reads) is a 400 too, never a 500.
 */
public final class QueryParameters {

    private final Map<String, String[]> values;

    private QueryParameters(Map<String, String[]> values) {
        this.values = values;
    }

    /** The request's query parameters, checked against those the operation supports (in ngrok's listing order). */
    public static QueryParameters of(HttpServletRequest request, List<String> supported) {
        Map<String, String[]> values = readable(request);
        List<String> unknown = values.keySet().stream().filter(name -> !supported.contains(name)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw NgrokErrors.unknownQueryParameters(unknown, supported);
        }
        values.forEach((name, given) -> {
            if (given.length > 1) {
                throw NgrokErrors.repeatedQueryParameter(name, List.of(given));
            }
        });
        return new QueryParameters(values);
    }

    public @Nullable String get(String name) {
        String[] given = values.get(name);
        return given == null ? null : given[0];
    }

    /**
     * The parameters, once the raw query string is known to be readable. Tomcat skips empty chunks ({@code &&})
     * silently but throws on {@code =x}: both are a name left out, so both are refused here, alike.
     */
    private static Map<String, String[]> readable(HttpServletRequest request) {
        String query = request.getQueryString();
        if (query != null && !query.isEmpty()) {
            String[] chunks = query.split("&", -1);
            if (chunks.length > RequestLimits.MAX_QUERY_PARAMETERS) {
                throw NgrokErrors.tooManyQueryParameters(RequestLimits.MAX_QUERY_PARAMETERS);
            }
            for (String chunk : chunks) {
                if (chunk.isEmpty() || chunk.startsWith("=")) {
                    throw NgrokErrors.emptyQueryParameterName();
                }
            }
        }
        try {
            return request.getParameterMap();
        } catch (IllegalStateException e) {
            // Tomcat's InvalidParameterException: a percent-encoding that is not %XX, or bytes that are not UTF-8
            throw NgrokErrors.badQueryEncoding();
        }
    }
}
