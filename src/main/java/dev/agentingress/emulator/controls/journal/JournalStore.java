package dev.agentingress.emulator.controls.journal;

import java.util.List;

import dev.agentingress.emulator.api.Account;

/**
 * Where the journals are kept, each bounded as {@link RequestJournal} says: in the database for every instance on it
 * ({@link DatabaseJournalStore}), or in this process ({@link MemoryJournalStore}). Both answer alike, which
 * {@code RequestJournalTests} checks on each.
 */
interface JournalStore {

    /** One request's entry and the account it belongs to. */
    record Recorded(String account, JournalEntry entry) {
    }

    /** Stores entries, oldest first, and applies the bounds to what they add. */
    void write(List<Recorded> batch);

    /** The account's entries that {@code query} matches, newest first; reading counts as using the account. */
    List<JournalEntry> newestFirst(Account account, JournalQuery query);

    /** @return the entries removed */
    int clear(Account account);

    /** @return the entries removed, every account together */
    int clearAll();

    int accountCount();

    /** Entries of every account together. */
    long entryCount();

    /** The heap every entry counts, {@link JournalEntry#heapBytes()}, together. */
    long bytes();

    /**
     * Whether a write costs enough (a transaction) that the writer thread groups them; otherwise the request thread
     * writes its own entry.
     */
    default boolean batchesWrites() {
        return true;
    }
}
