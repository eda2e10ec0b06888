package dev.agentingress.emulator.controls.journal;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One request to ngrok's API as the emulator saw it. Bodies are text, cut at {@code emulator.journal.max-body-bytes}
 * (then marked truncated); headers beyond {@code emulator.journal.max-header-bytes} are left out (then marked); the
 * {@code Authorization} header keeps only its scheme.
 *
 * @param timestamp               when the request arrived (real time, not the account's emulator clock)
 * @param operationId             the {@code Ngrok-Operation-Id} the response carried
 * @param operation               ngrok's name for the operation, e.g. {@code AgentIngressesCreate}; null for none
 * @param query                   the raw query string, null when the URL has none
 * @param durationMs              from arrival until the response was complete, just before it was sent
 * @param requestHeaders          header names as sent, each with its values in order
 * @param requestHeadersTruncated whether headers were left out to keep within {@code max-header-bytes}
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
        boolean requestHeadersTruncated,
        String requestBody,
        boolean requestBodyTruncated,
        String responseBody,
        boolean responseBodyTruncated) {

    /** What the entry's objects cost beside its text: the record, its strings, the header map, the journal's slot. */
    static final int OVERHEAD_BYTES = 1024;
    /** What one header costs beside its text: a map entry, a list, two strings. */
    static final int HEADER_OVERHEAD_BYTES = 128;

    /**
     * The heap this entry holds at most: its text at 2 bytes a character (a string holding any character beyond
     * Latin-1 takes two bytes for each of them) plus its objects. An upper bound, so that a journal within its byte
     * budget is surely within the heap it was given.
     */
    long heapBytes() {
        long chars = operationId.length() + length(operation) + method.length() + path.length() + length(query)
                + requestBody.length() + responseBody.length();
        return OVERHEAD_BYTES + 2L * chars + headerBytes(requestHeaders);
    }

    /** The heap a header map holds at most; {@code max-header-bytes} caps it. */
    static long headerBytes(Map<String, List<String>> headers) {
        long bytes = 0;
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            bytes += headerBytes(header.getKey(), header.getValue());
        }
        return bytes;
    }

    static long headerBytes(String name, List<String> values) {
        long chars = name.length();
        for (String value : values) {
            chars += value.length();
        }
        return HEADER_OVERHEAD_BYTES + 16L * values.size() + 2 * chars;
    }

    private static int length(@Nullable String text) {
        return text == null ? 0 : text.length();
    }
}
