package dev.agentingress.emulator.emulator.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.agentingress.emulator.api.Account;
import dev.agentingress.emulator.config.EmulatorProperties;

/** The bounded store behind {@code /_emulator/journal}: entries per account, accounts by least recent use. */
class RequestJournalTests {

    private static final Account ALICE = new Account("alice");
    private static final Account BOB = new Account("bob");
    private static final Account CAROL = new Account("carol");

    @Test
    void entriesAreListedNewestFirst() {
        RequestJournal journal = journal(2, 10);

        journal.record(ALICE, entry("op_1"));
        journal.record(ALICE, entry("op_2"));
        journal.record(ALICE, entry("op_3"));

        assertThat(operationIds(journal, ALICE)).containsExactly("op_3", "op_2", "op_1");
    }

    @Test
    void anAccountKeepsOnlyItsNewestEntriesBeyondTheCap() {
        RequestJournal journal = journal(2, 3);

        for (int i = 1; i <= 7; i++) {
            journal.record(ALICE, entry("op_" + i));
        }

        assertThat(operationIds(journal, ALICE)).containsExactly("op_7", "op_6", "op_5");
    }

    @Test
    void theLeastRecentlyRecordedAccountIsDroppedBeyondMaxAccounts() {
        RequestJournal journal = journal(2, 10);
        journal.record(ALICE, entry("op_alice"));
        journal.record(BOB, entry("op_bob"));

        journal.record(CAROL, entry("op_carol"));

        assertThat(journal.accountCount()).isEqualTo(2);
        assertThat(journal.newestFirst(ALICE)).isEmpty();
        assertThat(operationIds(journal, BOB)).containsExactly("op_bob");
        assertThat(operationIds(journal, CAROL)).containsExactly("op_carol");
    }

    @Test
    void readingAJournalCountsAsUseAndKeepsTheAccount() {
        RequestJournal journal = journal(2, 10);
        journal.record(ALICE, entry("op_alice"));
        journal.record(BOB, entry("op_bob"));
        journal.newestFirst(ALICE);

        journal.record(CAROL, entry("op_carol"));

        assertThat(operationIds(journal, ALICE)).containsExactly("op_alice");
        assertThat(journal.newestFirst(BOB)).isEmpty();
    }

    @Test
    void readingAnAccountWithoutEntriesAddsNoAccount() {
        RequestJournal journal = journal(2, 10);

        journal.newestFirst(ALICE);

        assertThat(journal.accountCount()).isZero();
    }

    @Test
    void clearForgetsOneAccountAndCountsItsEntries() {
        RequestJournal journal = journal(2, 10);
        journal.record(ALICE, entry("op_a1"));
        journal.record(ALICE, entry("op_a2"));
        journal.record(BOB, entry("op_bob"));

        int cleared = journal.clear(ALICE);

        assertThat(cleared).isEqualTo(2);
        assertThat(journal.newestFirst(ALICE)).isEmpty();
        assertThat(operationIds(journal, BOB)).containsExactly("op_bob");
    }

    @Test
    void clearAllForgetsEveryAccount() {
        RequestJournal journal = journal(2, 10);
        journal.record(ALICE, entry("op_alice"));
        journal.record(BOB, entry("op_bob"));

        journal.clearAll();

        assertThat(journal.accountCount()).isZero();
    }

    @Test
    void concurrentRecordingStaysWithinBothCaps() throws Exception {
        RequestJournal journal = journal(5, 20);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                int seed = thread;
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        Account account = new Account("account-" + ((seed + i) % 12));
                        journal.record(account, entry("op_" + seed + "_" + i));
                        if (i % 7 == 0) {
                            journal.newestFirst(account);
                        }
                    }
                }));
            }
            for (Future<?> thread : done) {
                thread.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(journal.accountCount()).isEqualTo(5);
        for (int i = 0; i < 12; i++) {
            assertThat(journal.newestFirst(new Account("account-" + i))).hasSizeLessThanOrEqualTo(20);
        }
    }

    private static RequestJournal journal(int maxAccounts, int maxEntriesPerAccount) {
        return new RequestJournal(new EmulatorProperties.Journal(true, maxEntriesPerAccount, maxAccounts, 1024, List.of()));
    }

    private static JournalEntry entry(String operationId) {
        return new JournalEntry(Instant.EPOCH, operationId, "AgentIngressesList", "GET", "/agent_ingresses", null,
                200, 1, Map.of(), "", false, "{}", false);
    }

    private static List<String> operationIds(RequestJournal journal, Account account) {
        return journal.newestFirst(account).stream().map(JournalEntry::operationId).toList();
    }
}
