package dev.agentingress.emulator.controls.journal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.agentingress.emulator.api.Account;
import dev.agentingress.emulator.config.EmulatorProperties;

/**
 * The journals in this process's heap, for a database no other process can open (the embedded H2): the same bounds
 * and answers as {@link DatabaseJournalStore}, at a fraction of its cost a request, because an entry is added to a
 * deque instead of a table. All of it is guarded by {@link #accounts}.
 */
final class MemoryJournalStore implements JournalStore {

    private final int maxEntriesPerAccount;
    private final int maxAccounts;
    private final long maxBytes;
    /** In access order, so the eldest is the least recently used (recorded or read). */
    private final LinkedHashMap<String, AccountJournal> accounts = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    MemoryJournalStore(EmulatorProperties.Journal settings) {
        this.maxEntriesPerAccount = settings.maxEntriesPerAccount();
        this.maxAccounts = settings.maxAccounts();
        this.maxBytes = settings.maxBytes().toBytes();
    }

    @Override
    public void write(List<Recorded> batch) {
        synchronized (accounts) {
            for (Recorded recorded : batch) {
                add(recorded.account(), recorded.entry());
            }
        }
    }

    @Override
    public List<JournalEntry> newestFirst(Account account, JournalQuery query) {
        synchronized (accounts) {
            @Nullable
            AccountJournal journal = accounts.get(account.id());
            if (journal == null) {
                return List.of();
            }
            List<JournalEntry> matches = new ArrayList<>();
            for (Iterator<Held> newest = journal.entries.descendingIterator(); newest.hasNext()
                    && matches.size() < query.limit();) {
                JournalEntry entry = newest.next().entry();
                if (query.matches(entry)) {
                    matches.add(entry);
                }
            }
            return matches;
        }
    }

    @Override
    public int clear(Account account) {
        synchronized (accounts) {
            @Nullable
            AccountJournal journal = accounts.remove(account.id());
            if (journal == null) {
                return 0;
            }
            bytes -= journal.bytes;
            return journal.entries.size();
        }
    }

    @Override
    public int clearAll() {
        synchronized (accounts) {
            int entries = accounts.values().stream().mapToInt(journal -> journal.entries.size()).sum();
            accounts.clear();
            bytes = 0;
            return entries;
        }
    }

    @Override
    public int accountCount() {
        synchronized (accounts) {
            return accounts.size();
        }
    }

    @Override
    public long entryCount() {
        synchronized (accounts) {
            return accounts.values().stream().mapToLong(journal -> journal.entries.size()).sum();
        }
    }

    @Override
    public long bytes() {
        synchronized (accounts) {
            return bytes;
        }
    }

    @Override
    public boolean batchesWrites() {
        return false;
    }

    private void add(String account, JournalEntry entry) {
        AccountJournal journal = accounts.computeIfAbsent(account, id -> new AccountJournal());
        long size = entry.heapBytes();
        journal.add(new Held(entry, size));
        bytes += size;
        if (journal.entries.size() > maxEntriesPerAccount) {
            bytes -= journal.removeOldest();
        }
        if (accounts.size() > maxAccounts) {
            // the account just added is the most recently used, never the eldest
            Iterator<AccountJournal> eldest = accounts.values().iterator();
            bytes -= eldest.next().bytes;
            eldest.remove();
        }
        while (bytes > maxBytes && !accounts.isEmpty()) {
            dropOldestOfLargest();
        }
    }

    /**
     * The journal holding the most bytes drops its oldest entry; of two that hold as much, the account first in
     * string order, as the database store's {@code ORDER BY bytes DESC, account} picks. At most
     * {@code max-accounts} journals to compare: cheap next to the request that got here.
     */
    private void dropOldestOfLargest() {
        Map.@Nullable Entry<String, AccountJournal> largest = null;
        for (Map.Entry<String, AccountJournal> account : accounts.entrySet()) {
            long held = account.getValue().bytes;
            if (largest == null || held > largest.getValue().bytes
                    || held == largest.getValue().bytes && account.getKey().compareTo(largest.getKey()) < 0) {
                largest = account;
            }
        }
        if (largest == null) {
            return;
        }
        bytes -= largest.getValue().removeOldest();
        if (largest.getValue().entries.isEmpty()) {
            // removed by key: the entry set's iteration is over, and a get would count as a use
            accounts.remove(largest.getKey());
        }
    }

    /**
     * An entry with the heap it counts, worked out once: the oldest entry, dropped for each new one, has long left the
     * CPU's caches, and walking its header map again was some 2 % of a GET's time in a profile.
     */
    private record Held(JournalEntry entry, long bytes) {
    }

    /** One account's entries, oldest first, and the heap they count. */
    private static final class AccountJournal {

        private final ArrayDeque<Held> entries = new ArrayDeque<>();
        private long bytes;

        void add(Held held) {
            entries.addLast(held);
            bytes += held.bytes();
        }

        /** @return the bytes freed */
        long removeOldest() {
            long size = entries.removeFirst().bytes();
            bytes -= size;
            return size;
        }
    }
}
