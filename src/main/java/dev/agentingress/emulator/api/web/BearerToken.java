package dev.agentingress.emulator.api.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

import dev.agentingress.emulator.api.error.NgrokErrors;

/** Reads the API key out of an {@code Authorization} header, with ngrok's 200/201/202 answers for what it can't use. */
final class BearerToken {

    private static final int MAX_TOKEN_BYTES = 512;

    private BearerToken() {
    }

    static String from(@Nullable String header) {
        if (header == null || header.isBlank()) {
            throw NgrokErrors.missingAuthorization();
        }
        int space = header.indexOf(' ');
        String scheme = space < 0 ? header : header.substring(0, space);
        String credential = space < 0 ? "" : header.substring(space + 1).trim();
        String token;
        if (scheme.equalsIgnoreCase("Bearer")) {
            token = credential;
        } else if (scheme.equalsIgnoreCase("Basic")) {
            token = fromBasic(credential, header);
        } else {
            throw NgrokErrors.unparsableAuthorization(header);
        }
        if (token.isBlank() || token.chars().anyMatch(Character::isWhitespace)
                || token.getBytes(StandardCharsets.UTF_8).length > MAX_TOKEN_BYTES) {
            throw NgrokErrors.notCredentialShaped(token);
        }
        return token;
    }

    /** Basic authentication carries the key as the user name (or, with an empty user, as the password). */
    private static String fromBasic(String credential, String header) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(credential), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw NgrokErrors.unparsableAuthorization(header);
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw NgrokErrors.unparsableAuthorization(header);
        }
        String user = decoded.substring(0, colon);
        return user.isEmpty() ? decoded.substring(colon + 1) : user;
    }
}
