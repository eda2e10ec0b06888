package dev.agentingress.emulator.api;

import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * ngrok's list parameters: {@code before_id} (items with a lower ID), {@code limit} (1..100, default 100) and the
 * CEL {@code filter}, read strictly.
 */
public record PageParameters(@Nullable String beforeId, int limit, @Nullable String filter) {

    public static final int MAX_LIMIT = 100;
    public static final List<String> NAMES = List.of("before_id", "limit", "filter");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");

    public static PageParameters from(QueryParameters query, String idPrefix) {
        String beforeId = query.get("before_id");
        if (beforeId != null && !ResourceIds.isWellFormed(beforeId, idPrefix)) {
            throw NgrokErrors.invalidReference(beforeId);
        }
        String filter = query.get("filter");
        return new PageParameters(beforeId, limit(query.get("limit")),
                filter == null || filter.isBlank() ? null : filter);
    }

    private static int limit(@Nullable String given) {
        if (given == null) {
            return MAX_LIMIT;
        }
        long limit;
        try {
            limit = Long.parseLong(given.trim());
        } catch (NumberFormatException e) {
            if (INTEGER.matcher(given.trim()).matches()) {
                throw NgrokErrors.limitOutOfRange(MAX_LIMIT, given);
            }
            throw NgrokErrors.limitNotANumber(MAX_LIMIT, given);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw NgrokErrors.limitOutOfRange(MAX_LIMIT, given);
        }
        return (int) limit;
    }
}
