package dev.agentingress.emulator.api.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;

import dev.agentingress.emulator.api.error.NgrokErrorWriter;
import dev.agentingress.emulator.api.error.NgrokErrors;

/**
 * Spring's CORS checks, with a refusal in ngrok's envelope: Spring's own is a bare {@code Invalid CORS request} in
 * plain text, which no client of ngrok's API can read as an error. The request's {@code Content-Type} is hidden from
 * them, as they have no use for it.
 */
class NgrokCorsProcessor extends DefaultCorsProcessor {

    private final NgrokErrorWriter errors;

    NgrokCorsProcessor(NgrokErrorWriter errors) {
        this.errors = errors;
    }

    @Override
    public boolean processRequest(@Nullable CorsConfiguration configuration, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        // CORS never reads the Content-Type, and Spring's reading throws on a wildcard one (*/*): a 500
        boolean allowed = super.processRequest(configuration, new WithoutContentType(request), response);
        if (!allowed) {
            errors.write(NgrokErrors.plainStatus(403, "Invalid CORS request: the origin, method or headers are not "
                    + "allowed."), request, response);
        }
        return allowed;
    }

    /** The refusal is written by {@link #processRequest}, in the envelope. */
    @Override
    protected void rejectRequest(ServerHttpResponse response) {
    }
}
