package dev.agentingress.emulator.controls.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.util.unit.DataSize;

import com.zaxxer.hikari.HikariDataSource;
import dev.agentingress.emulator.api.Account;
import dev.agentingress.emulator.api.AccountState;
import dev.agentingress.emulator.config.EmulatorProperties;

/**
 * The bounded store behind {@code /_emulator/journal}: entries per account, accounts by least recent use. Every test
 * runs on both stores, which must answer alike.
 */
@ParameterizedClass
@EnumSource(value = EmulatorProperties.Journal.Store.class, names = {"DATABASE", "MEMORY"})
class RequestJournalTests {

    @Parameter
    EmulatorProperties.Journal.Store store;

    private final Map<RequestJournal, HikariDataSource> journals = new LinkedHashMap<>();

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

        AccountState.Removed cleared = journal.clear(ALICE);

        assertThat(cleared).isEqualTo(AccountState.Removed.of(AccountState.Kind.JOURNAL_ENTRIES, 2));
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
                    for (int i = 0; i < 1_000; i++) {
                        Account account = new Account("account-" + ((seed + i) % 12));
                        journal.record(account, entry("op_" + seed + "_" + i));
                        if (i % 7 == 0) {
                            journal.newestFirst(account);
                        }
                    }
                }));
            }
            for (Future<?> thread : done) {
                thread.get(120, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(journal.accountCount()).isEqualTo(5);
        for (int i = 0; i < 12; i++) {
            assertThat(journal.newestFirst(new Account("account-" + i))).hasSizeLessThanOrEqualTo(20);
        }
    }

    @Test
    void theHeapOfEveryEntryTogetherStaysWithinMaxBytes() {
        JournalEntry large = entry("op_large", 100_000);
        RequestJournal journal = journal(100, 200, DataSize.ofBytes(large.heapBytes() * 5));

        for (int i = 0; i < 20; i++) {
            journal.record(new Account("account-" + (i % 4)), entry("op_" + i, 100_000));
        }

        assertThat(journal.bytes()).isLessThanOrEqualTo(large.heapBytes() * 5).isGreaterThan(large.heapBytes() * 4);
    }

    @Test
    void overMaxBytesTheLargestJournalDropsItsOldestEntryFirst() {
        long size = entry("op_a1", 10_000).heapBytes();
        RequestJournal journal = journal(10, 200, DataSize.ofBytes(size * 4));
        journal.record(ALICE, entry("op_a1", 10_000));
        journal.record(BOB, entry("op_b1", 10_000));
        journal.record(BOB, entry("op_b2", 10_000));
        journal.record(BOB, entry("op_b3", 10_000));

        journal.record(BOB, entry("op_b4", 10_000));

        assertThat(operationIds(journal, ALICE)).containsExactly("op_a1");
        assertThat(operationIds(journal, BOB)).containsExactly("op_b4", "op_b3", "op_b2");
        assertThat(journal.bytes()).isEqualTo(size * 4);
    }

    @Test
    void anEntryLargerThanMaxBytesIsNotKept() {
        RequestJournal journal = journal(10, 200, DataSize.ofBytes(2048));

        journal.record(ALICE, entry("op_huge", 10_000));

        assertThat(journal.newestFirst(ALICE)).isEmpty();
        assertThat(journal.bytes()).isZero();
        assertThat(journal.accountCount()).isZero();
    }

    @Test
    void droppedAccountsAndEntriesGiveTheirBytesBack() {
        RequestJournal journal = journal(2, 2, DataSize.ofMegabytes(1));
        journal.record(ALICE, entry("op_a1"));
        journal.record(ALICE, entry("op_a2"));
        journal.record(ALICE, entry("op_a3"));
        journal.record(BOB, entry("op_bob"));
        journal.record(CAROL, entry("op_carol"));

        assertThat(journal.bytes()).isEqualTo(entry("op_bob").heapBytes() + entry("op_carol").heapBytes());
        journal.clear(BOB);
        assertThat(journal.bytes()).isEqualTo(entry("op_carol").heapBytes());
        journal.clearAll();
        assertThat(journal.bytes()).isZero();
    }

    @Test
    void anEntryCountsItsTextAtTwoBytesACharacterAndItsHeaders() {
        JournalEntry plain = entry("op_1");
        JournalEntry withText = new JournalEntry(Instant.EPOCH, "op_1", "AgentIngressesList", "GET", "/agent_ingresses",
                null, 200, 1, Map.of("Accept", List.of("ä".repeat(100))), false, "日".repeat(50), false, "", false);

        assertThat(withText.heapBytes() - plain.heapBytes())
                .isEqualTo(2 * 50 + JournalEntry.HEADER_OVERHEAD_BYTES + 16 + 2 * ("Accept".length() + 100));
    }

    /** Closes each test's journal and drops its database. */
    @AfterEach
    void closeJournals() {
        for (Map.Entry<RequestJournal, HikariDataSource> opened : journals.entrySet()) {
            opened.getKey().close();
            new JdbcTemplate(opened.getValue()).execute("SHUTDOWN");
            opened.getValue().close();
        }
    }

    private RequestJournal journal(int maxAccounts, int maxEntriesPerAccount) {
        return journal(maxAccounts, maxEntriesPerAccount, DataSize.ofMegabytes(64));
    }

    /** A journal in memory, or on a database of its own: a fresh in-memory H2 with the emulator's migrations. */
    private RequestJournal journal(int maxAccounts, int maxEntriesPerAccount, DataSize maxBytes) {
        EmulatorProperties.Journal settings = new EmulatorProperties.Journal(true, maxEntriesPerAccount, maxAccounts,
                1024, 1024, maxBytes, List.of(), store);
        HikariDataSource database = new HikariDataSource();
        database.setJdbcUrl("jdbc:h2:mem:journal-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
        RequestJournal journal = new RequestJournal(settings, store == EmulatorProperties.Journal.Store.MEMORY
                ? new MemoryJournalStore(settings)
                : new DatabaseJournalStore(new JdbcTemplate(database), new DataSourceTransactionManager(database),
                        settings, false));
        journals.put(journal, database);
        return journal;
    }

    private static JournalEntry entry(String operationId) {
        return entry(operationId, 0);
    }

    /** An entry whose response body is {@code bodyChars} characters. */
    private static JournalEntry entry(String operationId, int bodyChars) {
        return new JournalEntry(Instant.EPOCH, operationId, "AgentIngressesList", "GET", "/agent_ingresses", null,
                200, 1, Map.of(), false, "", false, "x".repeat(bodyChars), false);
    }

    private static List<String> operationIds(RequestJournal journal, Account account) {
        return journal.newestFirst(account).stream().map(JournalEntry::operationId).toList();
    }
}
