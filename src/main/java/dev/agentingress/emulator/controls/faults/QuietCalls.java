package dev.agentingress.emulator.controls.faults;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.agentingress.emulator.config.ControlChanges;

/**
 * The calls (account and operation) whose controls query found no fault rule and no clock setting, kept while this
 * process changes no control ({@link ControlChanges}), so that the same call again skips the query: on the embedded
 * H2 it was some 7 % of a GET's time. Only where no other process can write to the database; with a shared one every
 * call asks it. Bounded: past {@value #MAX_CALLS} calls the set starts again empty. At most some 2.5 MB of heap (a
 * map node, the key and a Long for each, with an account name of at most 128 characters), within the room the heap
 * budget leaves above an idle server for caches that warm under load ({@code HeapBudget.BASE_BYTES}).
 */
final class QuietCalls {

    static final int MAX_CALLS = 10_000;

    private final ControlChanges changes;
    private final boolean enabled;
    private final Map<Call, Long> quiet = new ConcurrentHashMap<>();

    QuietCalls(ControlChanges changes, boolean enabled) {
        this.changes = changes;
        this.enabled = enabled;
    }

    /** Taken before the query, and given back to {@link #found} with its result. */
    long changesSoFar() {
        return changes.count();
    }

    boolean isQuiet(String account, String operation, long changesSoFar) {
        if (!enabled) {
            return false;
        }
        Long since = quiet.get(new Call(account, operation));
        return since != null && since == changesSoFar;
    }

    /** What the query found, read after {@code changesSoFar} changes: quiet if it found nothing. */
    void found(String account, String operation, long changesSoFar, boolean nothing) {
        if (!enabled || !nothing) {
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
