package dev.agentingress.emulator.controls.journal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.agentingress.emulator.api.Account;
import dev.agentingress.emulator.api.AccountState;
import dev.agentingress.emulator.config.EmulatorProperties;

/**
 * The journals of all accounts, in memory and bounded three times: each account keeps its newest
 * {@code max-entries-per-account} entries; at most {@code max-accounts} accounts are kept, the least recently used
 * (recorded or read) dropped first; and every entry together holds at most {@code max-bytes} of heap, by
 * {@link JournalEntry#heapBytes()}. The byte bound is the one that makes the journal fit the heap whatever its
 * entries hold; beyond it, the journal holding the most bytes drops its oldest entries, so one account's flood of
 * large requests costs the others nothing until it is down to their size. A reset clears an account with the rest of
 * its state. The bean is declared beside its filter, in {@code RequestJournalConfiguration}.
 */
class RequestJournal implements AccountState {

    private final EmulatorProperties.Journal settings;
    private final long maxBytes;
    /** In access order, so the eldest is the least recently used; it and every journal in it are guarded by it. */
    private final LinkedHashMap<String, AccountJournal> accounts;
    /** Heap held by every entry of every account, by {@link JournalEntry#heapBytes()}; guarded by {@link #accounts}. */
    private long bytes;

    RequestJournal(EmulatorProperties.Journal settings) {
        this.settings = settings;
        this.maxBytes = settings.maxBytes().toBytes();
        this.accounts = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, AccountJournal> eldest) {
                if (size() <= settings.maxAccounts()) {
                    return false;
                }
                bytes -= eldest.getValue().bytes;
                return true;
            }
        };
    }

    EmulatorProperties.Journal settings() {
        return settings;
    }

    void record(Account account, JournalEntry entry) {
        long size = entry.heapBytes();
        synchronized (accounts) {
            AccountJournal journal = accounts.computeIfAbsent(account.id(), id -> new AccountJournal());
            if (journal.entries.size() == settings.maxEntriesPerAccount()) {
                bytes -= journal.removeOldest();
            }
            journal.add(entry, size);
            bytes += size;
            while (bytes > maxBytes) {
                dropOldestOfLargest();
            }
        }
    }

    List<JournalEntry> newestFirst(Account account) {
        synchronized (accounts) {
            @Nullable
            AccountJournal journal = accounts.get(account.id());
            return journal == null ? List.of() : journal.newestFirst();
        }
    }

    @Override
    public Removed clear(Account account) {
        synchronized (accounts) {
            @Nullable
            AccountJournal journal = accounts.remove(account.id());
            if (journal == null) {
                return Removed.of(Kind.JOURNAL_ENTRIES, 0);
            }
            bytes -= journal.bytes;
            return Removed.of(Kind.JOURNAL_ENTRIES, journal.entries.size());
        }
    }

    @Override
    public Removed clearAll() {
        synchronized (accounts) {
            int entries = accounts.values().stream().mapToInt(journal -> journal.entries.size()).sum();
            accounts.clear();
            bytes = 0;
            return Removed.of(Kind.JOURNAL_ENTRIES, entries);
        }
    }

    int accountCount() {
        synchronized (accounts) {
            return accounts.size();
        }
    }

    long bytes() {
        synchronized (accounts) {
            return bytes;
        }
    }

    /** At most {@code max-accounts} journals to compare: cheap next to the request that got here. */
    private void dropOldestOfLargest() {
        Map.Entry<String, AccountJournal> largest = null;
        for (Map.Entry<String, AccountJournal> account : accounts.entrySet()) {
            if (largest == null || account.getValue().bytes > largest.getValue().bytes) {
                largest = account;
            }
        }
        // called only while entries hold bytes, so some journal is there to drop from
        Objects.requireNonNull(largest);
        bytes -= largest.getValue().removeOldest();
        if (largest.getValue().entries.isEmpty()) {
            accounts.remove(largest.getKey());
        }
    }

    /** One account's entries, oldest first, and the heap they hold. */
    private static final class AccountJournal {

        private final ArrayDeque<JournalEntry> entries = new ArrayDeque<>();
        private final ArrayDeque<Long> sizes = new ArrayDeque<>();
        private long bytes;

        void add(JournalEntry entry, long size) {
            entries.addLast(entry);
            sizes.addLast(size);
            bytes += size;
        }

        /** @return the bytes freed */
        long removeOldest() {
            entries.removeFirst();
            long size = sizes.removeFirst();
            bytes -= size;
            return size;
        }

        List<JournalEntry> newestFirst() {
            List<JournalEntry> copy = new ArrayList<>(entries.size());
            for (Iterator<JournalEntry> newest = entries.descendingIterator(); newest.hasNext();) {
                copy.add(newest.next());
            }
            return copy;
        }
    }
}
