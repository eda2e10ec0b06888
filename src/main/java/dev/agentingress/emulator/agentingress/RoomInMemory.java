package dev.agentingress.emulator.agentingress;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The bound on ingresses held by the in-memory database ({@code emulator.memory.max-ingresses}), without counting
 * the rows for every create: a count says how many more fit, and creates take places from that room until it runs
 * out; only then are the rows counted again (deletes and resets may have freed places), so only a fresh count
 * refuses. An in-memory database is this process's own, so no row arrives except through {@link #takeOne()}: the
 * room overstates a fresh count by at most the creates still uncommitted when it was counted, as a count per create
 * did. The count was about a tenth of a create's CPU in a profile.
 */
final class RoomInMemory {

    private final int max;
    private final LongSupplier countRows;
    /** Places left since the last count; at or below zero, the next take counts again. */
    private final AtomicLong left = new AtomicLong();

    RoomInMemory(int max, LongSupplier countRows) {
        this.max = max;
        this.countRows = countRows;
    }

    int max() {
        return max;
    }

    /** Takes a place for one more row: false if a fresh count finds none. */
    boolean takeOne() {
        if (left.getAndDecrement() > 0) {
            return true;
        }
        synchronized (this) {
            long free = max - countRows.getAsLong();
            if (free <= 0) {
                left.set(0);
                return false;
            }
            left.set(free - 1);
            return true;
        }
    }
}
