package dev.agentingress.emulator.emulator.journal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.agentingress.emulator.api.Account;
import dev.agentingress.emulator.api.AccountState;
import dev.agentingress.emulator.config.EmulatorProperties;

/**
 * The journals of all accounts, in memory and bounded twice: each account keeps its newest
 * {@code max-entries-per-account} entries, and at most {@code max-accounts} accounts are kept, the least recently used
 * (recorded or read) dropped first. So a long run holds at most {@code max-accounts × max-entries-per-account}
 * entries, each with bodies of at most {@code max-body-bytes}. A reset clears it with the rest of an account's state.
 * The bean is declared beside its filter, in {@code ApiWebConfiguration}.
 */
public class RequestJournal implements AccountState {

    private final EmulatorProperties.Journal settings;
    /** In access order, so the eldest is the least recently used; guarded by itself. */
    private final LinkedHashMap<String, AccountJournal> accounts;

    public RequestJournal(EmulatorProperties.Journal settings) {
        this.settings = settings;
        this.accounts = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, AccountJournal> eldest) {
                return size() > settings.maxAccounts();
            }
        };
    }

    EmulatorProperties.Journal settings() {
        return settings;
    }

    void record(Account account, JournalEntry entry) {
        AccountJournal journal;
        synchronized (accounts) {
            journal = accounts.computeIfAbsent(account.id(), id -> new AccountJournal(settings.maxEntriesPerAccount()));
        }
        journal.add(entry);
    }

    List<JournalEntry> newestFirst(Account account) {
        @Nullable AccountJournal journal;
        synchronized (accounts) {
            journal = accounts.get(account.id());
        }
        return journal == null ? List.of() : journal.newestFirst();
    }

    @Override
    public int clear(Account account) {
        @Nullable AccountJournal journal;
        synchronized (accounts) {
            journal = accounts.remove(account.id());
        }
        return journal == null ? 0 : journal.size();
    }

    @Override
    public void clearAll() {
        synchronized (accounts) {
            accounts.clear();
        }
    }

    int accountCount() {
        synchronized (accounts) {
            return accounts.size();
        }
    }

    /** One account's entries, oldest first, the oldest dropped beyond the cap. */
    private static final class AccountJournal {

        private final int maxEntries;
        private final ArrayDeque<JournalEntry> entries = new ArrayDeque<>();

        AccountJournal(int maxEntries) {
            this.maxEntries = maxEntries;
        }

        synchronized void add(JournalEntry entry) {
            if (entries.size() == maxEntries) {
                entries.removeFirst();
            }
            entries.addLast(entry);
        }

        synchronized List<JournalEntry> newestFirst() {
            List<JournalEntry> copy = new ArrayList<>(entries.size());
            for (Iterator<JournalEntry> newest = entries.descendingIterator(); newest.hasNext();) {
                copy.add(newest.next());
            }
            return copy;
        }

        synchronized int size() {
            return entries.size();
        }
    }
}
