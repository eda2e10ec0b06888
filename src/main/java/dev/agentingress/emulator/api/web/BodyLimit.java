package dev.agentingress.emulator.api.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;

import dev.agentingress.emulator.api.StreamedBody;
import dev.agentingress.emulator.api.error.RequestLimits;

/**
 * The largest body a request may send: ngrok's 1 MiB, except for a handler that reads its body as it arrives
 * ({@link StreamedBody}, the import control), which has its own limit. Decided by the handler the route check matched
 * (set before the API filter runs), so no path is spelled out twice.
 */
final class BodyLimit {

    private final long streamedMaxBytes;

    BodyLimit(long streamedMaxBytes) {
        this.streamedMaxBytes = streamedMaxBytes;
    }

    long of(HttpServletRequest request) {
        return isStreamed(request) ? streamedMaxBytes : RequestLimits.MAX_BODY_BYTES;
    }

    static boolean isStreamed(HttpServletRequest request) {
        return request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) instanceof HandlerMethod handler
                && handler.hasMethodAnnotation(StreamedBody.class);
    }
}
