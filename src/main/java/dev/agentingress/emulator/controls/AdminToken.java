package dev.agentingress.emulator.controls;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import dev.agentingress.emulator.api.error.NgrokErrors;
import dev.agentingress.emulator.config.EmulatorProperties;

/** Guards the operator's controls (those that act on every account) with {@code emulator.admin-token}. */
@Component
public class AdminToken {

    private final byte[] expected;

    AdminToken(EmulatorProperties properties) {
        String token = properties.adminToken();
        this.expected = token == null ? new byte[0] : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    public void check(HttpServletRequest request) {
        if (expected.length == 0) {
            throw NgrokErrors.plainStatus(HttpStatus.FORBIDDEN.value(),
                    "This control acts on every account and is off: set emulator.admin-token to use it.");
        }
        String given = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (given == null || !MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
            throw NgrokErrors.plainStatus(HttpStatus.FORBIDDEN.value(),
                    "This control acts on every account: authenticate with the admin token (emulator.admin-token).");
        }
    }
}
