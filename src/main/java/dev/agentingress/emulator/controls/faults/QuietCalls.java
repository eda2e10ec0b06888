package dev.agentingress.emulator.controls.faults;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.agentingress.emulator.config.ControlChanges;

/**
 * The calls (account and operation) whose controls query found no fault rule and no clock setting, kept while no
 * control changes ({@link ControlChanges}: on a shared database, through any instance), so that the same call again
 * skips the query: some 7 % of a GET's time on the embedded H2, and more on PostgreSQL. Bounded: past
 * {@value #MAX_CALLS} calls the set starts again empty. At most some 2.5 MB of heap (a
 * map node, the key and a Long for each, with an account name of at most 128 characters), within the room the heap
 * budget leaves above an idle server for caches that warm under load ({@code HeapBudget.BASE_BYTES}).
 */
final class QuietCalls {

    static final int MAX_CALLS = 10_000;

    private final ControlChanges changes;
    private final Map<Call, Long> quiet = new ConcurrentHashMap<>();

    QuietCalls(ControlChanges changes) {
        this.changes = changes;
    }

    /** Taken before the query, and given back to {@link #found} with its result. */
    long changesSoFar() {
        return changes.count();
    }

    boolean isQuiet(String account, String operation, long changesSoFar) {
        if (!changes.cachesTrusted()) {
            return false;
        }
        Long since = quiet.get(new Call(account, operation));
        return since != null && since == changesSoFar;
    }

    /** What the query found, read after {@code changesSoFar} changes: quiet if it found nothing. */
    void found(String account, String operation, long changesSoFar, boolean nothing) {
        if (!nothing || !changes.cachesTrusted()) {
            return;
        }
        if (quiet.size() >= MAX_CALLS) {
            quiet.clear();
        }
        quiet.put(new Call(account, operation), changesSoFar);
    }

    private record Call(String account, String operation) {
    }
}
