package dev.agentingress.emulator.api;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

/**
 * What a path is to the emulator, decided here alone so that every filter, interceptor and document agrees: ngrok's
 * API (route, key, version and body checks; faults, journal and rate limit), the emulator's own controls under
 * {@code /_emulator/} (a prefix ngrok never uses; the same Bearer token, no {@code Ngrok-Version}), or outside both
 * (health and metrics for operators, the OpenAPI document and its page, the dashboard's page: no checks at all). A
 * request is classified by its path as sent, as Tomcat hands it on.
 */
public enum PathKind {

    NGROK_API, CONTROLS, OUTSIDE;

    public static final String CONTROLS_PREFIX = "/_emulator";

    /**
     * The dashboard: a page and its two files, fetched by a browser without a key. The page itself calls the API and
     * the controls with the key, so every check applies there.
     */
    public static final String DASHBOARD_PATH = CONTROLS_PREFIX + "/ui";

    private static final List<String> OUTSIDE_PREFIXES = List.of("/actuator/", "/v3/api-docs", "/swagger-ui");

    public static PathKind of(HttpServletRequest request) {
        return of(request.getRequestURI());
    }

    /** Of a path or a route pattern such as {@code /_emulator/faults/{id}}. */
    public static PathKind of(String path) {
        if (path.equals(DASHBOARD_PATH) || path.startsWith(DASHBOARD_PATH + "/")) {
            return OUTSIDE;
        }
        if (path.startsWith(CONTROLS_PREFIX + "/")) {
            return CONTROLS;
        }
        for (String prefix : OUTSIDE_PREFIXES) {
            if (path.startsWith(prefix)) {
                return OUTSIDE;
            }
        }
        return NGROK_API;
    }
}
