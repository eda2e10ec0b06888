package dev.agentingress.emulator.api;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Paths that are not ngrok's API and so skip its route, key and version checks: health and metrics for operators,
 * the OpenAPI document and its page for people trying the API.
 */
public final class OutsideNgrokApi {

    private static final List<String> PREFIXES = List.of("/actuator/", "/v3/api-docs", "/swagger-ui");

    private OutsideNgrokApi() {
    }

    public static boolean contains(HttpServletRequest request) {
        String path = request.getRequestURI();
        for (String prefix : PREFIXES) {
            if (path.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
