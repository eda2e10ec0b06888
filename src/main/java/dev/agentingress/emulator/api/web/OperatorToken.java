package dev.agentingress.emulator.api.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import dev.agentingress.emulator.api.OperatorOnly;
import dev.agentingress.emulator.api.error.NgrokErrors;

/** Guards the {@link OperatorOnly} controls (those that act on every account) with {@code emulator.admin-token}. */
final class OperatorToken {

    private final byte[] expected;

    OperatorToken(@Nullable String adminToken) {
        this.expected = adminToken == null ? new byte[0] : ("Bearer " + adminToken).getBytes(StandardCharsets.UTF_8);
    }

    void check(HttpServletRequest request) {
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
