package dev.agentingress.emulator.api;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The emulator's own controls live under {@code /_emulator/}, a prefix ngrok never uses. They take the same Bearer
 * token as the API (so each control acts on the caller's account) but no {@code Ngrok-Version}.
 */
public final class EmulatorControls {

    public static final String PREFIX = "/_emulator";

    private EmulatorControls() {
    }

    public static boolean contains(HttpServletRequest request) {
        return request.getRequestURI().startsWith(PREFIX + "/");
    }
}
