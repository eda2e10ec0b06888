package dev.agentingress.emulator.controls.journal;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.agentingress.emulator.api.PageParameters;
import dev.agentingress.emulator.api.QueryParameters;
import dev.agentingress.emulator.api.error.NgrokErrors;

/**
 * The filters of {@code GET /_emulator/journal}, each optional and all of them to be met: {@code operation_id}
 * (exact), {@code status} (a code such as {@code 404}, or a class such as {@code 4xx}), {@code path} (a prefix of the
 * path), {@code operation} (ngrok's operation name, exact) and {@code limit} (how many of the newest matches).
 */
record JournalQuery(@Nullable String operationId, @Nullable String status, @Nullable String path,
        @Nullable String operation, int limit) {

    /** Every entry an account keeps. */
    static final JournalQuery ALL = new JournalQuery(null, null, null, null, Integer.MAX_VALUE);

    private static final Pattern STATUS = Pattern.compile("[1-5](\\d\\d|xx)");

    /** Whether the entry meets every filter given. */
    boolean matches(JournalEntry entry) {
        return (operationId == null || operationId.equals(entry.operationId()))
                && (status == null || entry.status() >= lowestStatus() && entry.status() <= highestStatus())
                && (operation == null || operation.equals(entry.operation()))
                && (path == null || entry.path().startsWith(path));
    }

    /** With a status filter: the lowest status it takes ({@code 400} for {@code 4xx} or {@code 400}). */
    int lowestStatus() {
        String code = Objects.requireNonNull(status);
        return code.endsWith("xx") ? (code.charAt(0) - '0') * 100 : Integer.parseInt(code);
    }

    /** With a status filter: the highest status it takes ({@code 499} for {@code 4xx}, {@code 404} for {@code 404}). */
    int highestStatus() {
        return Objects.requireNonNull(status).endsWith("xx") ? lowestStatus() + 99 : lowestStatus();
    }

    /** Read as strictly as ngrok reads its own list parameters; {@code limit} runs up to what an account keeps. */
    static JournalQuery from(QueryParameters query, int maxLimit) {
        String status = query.get("status");
        if (status != null) {
            status = status.trim().toLowerCase(Locale.ROOT);
            if (!STATUS.matcher(status).matches()) {
                throw NgrokErrors.plainStatus(400, "The status filter must be a status code such as 404 or a class "
                        + "such as 4xx, but '" + query.get("status") + "' was provided.");
            }
        }
        return new JournalQuery(query.get("operation_id"), status, query.get("path"), query.get("operation"),
                PageParameters.limit(query.get("limit"), maxLimit));
    }
}
