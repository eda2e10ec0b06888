package dev.agentingress.emulator.api;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;

/**
 * ngrok's strict reading of the query string: a parameter the operation does not know is ERR_NGROK_231 and a
 * repeated one ERR_NGROK_232, rather than being ignored.
 */
public final class QueryParameters {

    private final Map<String, String[]> values;

    private QueryParameters(Map<String, String[]> values) {
        this.values = values;
    }

    /** The request's query parameters, checked against those the operation supports (in ngrok's listing order). */
    public static QueryParameters of(HttpServletRequest request, List<String> supported) {
        Map<String, String[]> values = request.getParameterMap();
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

    /** For operations that take no query parameters. */
    public static void requireNone(HttpServletRequest request) {
        of(request, List.of());
    }

    public @Nullable String get(String name) {
        String[] given = values.get(name);
        return given == null ? null : given[0];
    }
}
