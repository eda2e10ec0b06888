package dev.agentingress.emulator.emulator.journal;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One request to ngrok's API as the emulator saw it. Bodies are text, cut at {@code emulator.journal.max-body-bytes}
 * (then marked truncated); the {@code Authorization} header keeps only its scheme.
 *
 * @param timestamp     when the request arrived (real time, not the account's emulator clock)
 * @param operationId   the {@code Ngrok-Operation-Id} the response carried
 * @param operation     ngrok's name for the operation, e.g. {@code AgentIngressesCreate}; null for none
 * @param query         the raw query string, null when the URL has none
 * @param durationMs    from arrival until the response was complete, just before it was sent
 * @param requestHeaders header names as sent, each with its values in order
 */
record JournalEntry(
        Instant timestamp,
        String operationId,
        @Nullable String operation,
        String method,
        String path,
        @Nullable String query,
        int status,
        long durationMs,
        Map<String, List<String>> requestHeaders,
        String requestBody,
        boolean requestBodyTruncated,
        String responseBody,
        boolean responseBodyTruncated) {
}
