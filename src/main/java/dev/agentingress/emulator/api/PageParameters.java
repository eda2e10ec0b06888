package dev.agentingress.emulator.api;

import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.agentingress.emulator.api.error.NgrokErrors;
import dev.agentingress.emulator.ids.ResourceIds;

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
        return new PageParameters(beforeId, limit(query.get("limit"), MAX_LIMIT),
                filter == null || filter.isBlank() ? null : filter);
    }

    /**
     * A page size read as ngrok reads {@code limit}: 1..max (233 outside), a number (244 otherwise), max when absent.
     */
    public static int limit(@Nullable String given, int max) {
        if (given == null) {
            return max;
        }
        long limit;
        try {
            limit = Long.parseLong(given.trim());
        } catch (NumberFormatException e) {
            if (INTEGER.matcher(given.trim()).matches()) {
                throw NgrokErrors.limitOutOfRange(max, given);
            }
            throw NgrokErrors.limitNotANumber(max, given);
        }
        if (limit < 1 || limit > max) {
            throw NgrokErrors.limitOutOfRange(max, given);
        }
        return (int) limit;
    }
}
