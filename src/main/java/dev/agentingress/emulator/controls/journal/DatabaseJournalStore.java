package dev.agentingress.emulator.controls.journal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.agentingress.emulator.api.Account;
import dev.agentingress.emulator.config.EmulatorProperties;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The journal kept in the database's tables (migration V6), on H2 and PostgreSQL alike, so that every instance on the
 * database records into and reads the same journals, with the bounds of {@link RequestJournal}: the
 * newest {@code max-entries-per-account} per account, {@code max-accounts} accounts (the least recently used dropped
 * first) and {@code max-bytes} of {@link JournalEntry#heapBytes()} in all (the largest journal drops its oldest entry
 * first). Every transaction here first locks the one row of {@code request_journal_totals}, so that writes of several
 * instances apply one after the other and the bounds hold exactly across them; a write is a batch of many requests,
 * which keeps that lock cheap.
 */
class DatabaseJournalStore implements JournalStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, List<String>>> HEADERS = new TypeReference<>() {
    };
    private static final String COLUMNS = "arrived_at, operation_id, operation, method, path, query, status,"
            + " duration_ms, request_headers, request_headers_truncated, request_body, request_body_truncated,"
            + " response_body, response_body_truncated";
    private static final String INSERT = "INSERT INTO request_journal (account, " + COLUMNS
            + ", heap_bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** Taken first by every transaction; its update count is always 1. */
    private static final String LOCK = "UPDATE request_journal_totals SET tick = tick + ? WHERE id = 1";
    private static final String ADD_TO_ACCOUNT = "UPDATE request_journal_accounts SET entries = entries + ?,"
            + " bytes = bytes + ?, last_used = ? WHERE account = ?";
    /**
     * An account's oldest entries, as many as asked, past where its last drop ended: up to the last of them in the
     * (account, seq) index, so that the delete reads a range of it that starts at live entries.
     */
    private static final String DROP_OLDEST = "DELETE FROM request_journal WHERE account = ? AND seq > ? AND seq <= "
            + "(SELECT MAX(seq) FROM (SELECT seq FROM request_journal WHERE account = ? AND seq > ? ORDER BY account, seq"
            + " LIMIT ?) AS oldest)";
    /**
     * An account's oldest entries. Ordered by both columns of the index (account, seq), account fixed: H2 then reads
     * them from the index in order and stops at the limit, where {@code ORDER BY seq} alone made it read and sort every
     * entry of the account.
     */
    private static final String OLDEST = "SELECT seq, heap_bytes FROM request_journal WHERE account = ? "
            + "ORDER BY account, seq LIMIT ?";
    /** Oldest entries of one account dropped at once by the byte bound, at most. */
    private static final int DROP_CHUNK = 64;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    /** The lock with the totals it guards, and the other statements that answer what they changed. */
    private final String lockReturningTotals;
    private final String addToAccountReturningEntries;
    private final String dropOldestReturningTotals;
    private final int maxEntriesPerAccount;
    private final int maxAccounts;
    private final long maxBytes;

    /**
     * Each write is one transaction of a few statements, each a round trip to the database: those that change rows
     * also answer what they changed ({@link ChangeReturning}), rather than a query after each.
     */
    DatabaseJournalStore(JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
            EmulatorProperties.Journal settings, boolean postgresql) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        ChangeReturning returning = new ChangeReturning(postgresql);
        this.lockReturningTotals = returning.update(LOCK, "tick, bytes");
        this.addToAccountReturningEntries = returning.update(ADD_TO_ACCOUNT, "entries, dropped_through");
        this.dropOldestReturningTotals = returning.delete(DROP_OLDEST, "seq, heap_bytes",
                "COUNT(*), COALESCE(SUM(heap_bytes), 0), COALESCE(MAX(seq), 0)");
        this.maxEntriesPerAccount = settings.maxEntriesPerAccount();
        this.maxAccounts = settings.maxAccounts();
        this.maxBytes = settings.maxBytes().toBytes();
    }

    /** Stores a batch, oldest first, in one transaction, and applies the bounds to what it adds. */
    @Override
    public void write(List<Recorded> batch) {
        transactions.executeWithoutResult(status -> {
            long[] totals = lock(batch.size());
            long tick = totals[0];
            insert(batch);
            // each account once, used at the tick of its last entry in the batch, as if recorded one by one
            Map<String, long[]> added = new LinkedHashMap<>();
            for (int i = 0; i < batch.size(); i++) {
                Recorded recorded = batch.get(i);
                long[] counts = added.remove(recorded.account());
                if (counts == null) {
                    counts = new long[3];
                }
                counts[0]++;
                counts[1] += recorded.entry().heapBytes();
                counts[2] = tick - batch.size() + 1 + i;
                added.put(recorded.account(), counts);
            }
            long bytes = totals[1];
            boolean newAccount = false;
            for (Map.Entry<String, long[]> account : added.entrySet()) {
                bytes += account.getValue()[1];
                long[] held = addToExistingAccount(account.getKey(), account.getValue());
                if (held == null) {
                    newAccount = true;
                    held = addAccount(account.getKey(), account.getValue());
                }
                bytes -= dropBeyondCap(account.getKey(), held);
            }
            if (newAccount) {
                // only a new account can take the count past max-accounts
                bytes -= dropLeastRecentlyUsedAccounts();
            }
            bytes = dropOverMaxBytes(bytes);
            jdbc.update("UPDATE request_journal_totals SET bytes = ? WHERE id = 1", bytes);
        });
    }

    /**
     * The account's entries that {@code query} matches, newest first. The exact filters and the limit go to the
     * database; a path prefix is compared here, as Java compares strings, so the answer is the same on every database.
     */
    @Override
    public List<JournalEntry> newestFirst(Account account, JournalQuery query) {
        List<JournalEntry> entries = transactions.execute(status -> {
            long tick = lock(1)[0];
            jdbc.update("UPDATE request_journal_accounts SET last_used = ? WHERE account = ?", tick, account.id());
            return select(account, query);
        });
        return entries == null ? List.of() : entries;
    }

    @Override
    public int clear(Account account) {
        Integer removed = transactions.execute(status -> {
            lock(0);
            List<Long> accountBytes = jdbc.queryForList("SELECT bytes FROM request_journal_accounts WHERE account = ?",
                    Long.class, account.id());
            if (accountBytes.isEmpty()) {
                return 0;
            }
            int entries = removeAccount(account.id());
            jdbc.update("UPDATE request_journal_totals SET bytes = bytes - ? WHERE id = 1", accountBytes.get(0));
            return entries;
        });
        return removed == null ? 0 : removed;
    }

    @Override
    public int clearAll() {
        Integer removed = transactions.execute(status -> {
            lock(0);
            int entries = jdbc.update("DELETE FROM request_journal");
            jdbc.update("DELETE FROM request_journal_accounts");
            jdbc.update("UPDATE request_journal_totals SET bytes = 0 WHERE id = 1");
            return entries;
        });
        return removed == null ? 0 : removed;
    }

    @Override
    public int accountCount() {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM request_journal_accounts", Integer.class);
        return count == null ? 0 : count;
    }

    @Override
    public long entryCount() {
        Long entries = jdbc.queryForObject("SELECT COALESCE(SUM(entries), 0) FROM request_journal_accounts",
                Long.class);
        return entries == null ? 0 : entries;
    }

    @Override
    public long bytes() {
        Long bytes = jdbc.queryForObject("SELECT bytes FROM request_journal_totals WHERE id = 1", Long.class);
        return bytes == null ? 0 : bytes;
    }

    /**
     * Locks the totals and moves their clock on by {@code ticks}; returns the clock's new value and the bytes of every
     * entry, as committed by whoever held the lock last.
     */
    private long[] lock(int ticks) {
        List<long[]> totals = jdbc.query(lockReturningTotals, (rs, row) -> new long[]{rs.getLong(1), rs.getLong(2)},
                ticks);
        if (totals.isEmpty()) {
            throw new IllegalStateException("request_journal_totals has no row");
        }
        return totals.get(0);
    }

    private void insert(List<Recorded> batch) {
        jdbc.batchUpdate(INSERT, batch, batch.size(), (statement, recorded) -> {
            JournalEntry entry = recorded.entry();
            statement.setString(1, recorded.account());
            statement.setLong(2, entry.timestamp().toEpochMilli());
            statement.setString(3, entry.operationId());
            setNullable(statement, 4, entry.operation());
            statement.setString(5, storable(entry.method()));
            statement.setString(6, storable(entry.path()));
            String query = entry.query();
            setNullable(statement, 7, query == null ? null : storable(query));
            statement.setInt(8, entry.status());
            statement.setLong(9, entry.durationMs());
            statement.setString(10, JSON.writeValueAsString(entry.requestHeaders()));
            statement.setBoolean(11, entry.requestHeadersTruncated());
            statement.setString(12, storable(entry.requestBody()));
            statement.setBoolean(13, entry.requestBodyTruncated());
            statement.setString(14, storable(entry.responseBody()));
            statement.setBoolean(15, entry.responseBodyTruncated());
            statement.setLong(16, entry.heapBytes());
        });
    }

    /**
     * PostgreSQL's text cannot hold the NUL character, which a request body may carry: it becomes U+FFFD, the
     * replacement character, on every database alike, rather than failing the batch that holds it.
     */
    static String storable(String text) {
        return text.indexOf('\u0000') < 0 ? text : text.replace('\u0000', '\uFFFD');
    }

    private static void setNullable(PreparedStatement statement, int index, @Nullable String value)
            throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    /**
     * Adds a batch's counts ({@code entries, bytes, last used}) to an account the journal has; returns its entries
     * and where its last drop ended, or null when it has none yet.
     */
    private long @Nullable [] addToExistingAccount(String account, long[] added) {
        List<long[]> held = jdbc.query(addToAccountReturningEntries,
                (rs, row) -> new long[]{rs.getLong(1), rs.getLong(2)}, added[0], added[1], added[2], account);
        return held.isEmpty() ? null : held.get(0);
    }

    /** A new account with a batch's counts; returns its entries and where its (no) last drop ended. */
    private long[] addAccount(String account, long[] added) {
        // no other writer can insert it meanwhile: they all wait for the lock this transaction holds
        jdbc.update("INSERT INTO request_journal_accounts (account, entries, bytes, last_used) VALUES (?, ?, ?, ?)",
                account, added[0], added[1], added[2]);
        return new long[]{added[0], 0};
    }

    /**
     * Drops an account's oldest entries beyond {@code max-entries-per-account}; {@code held} is its entries and where
     * its last drop ended. Returns their bytes.
     */
    private long dropBeyondCap(String account, long[] held) {
        long excess = held[0] - maxEntriesPerAccount;
        return excess > 0 ? dropOldest(account, held[1], (int) excess, false) : 0;
    }

    /**
     * Drops the {@code count} oldest entries of an account past {@code droppedThrough} (where its last drop ended,
     * or 0 to look from the start), and the account when none is left (which only a caller that may drop them all
     * need check); returns their bytes.
     */
    private long dropOldest(String account, long droppedThrough, int count, boolean mayEmpty) {
        long[] dropped = jdbc.queryForObject(dropOldestReturningTotals,
                (rs, row) -> new long[]{rs.getLong(1), rs.getLong(2), rs.getLong(3)}, account, droppedThrough, account,
                droppedThrough, count);
        if (dropped == null || dropped[0] == 0) {
            return 0;
        }
        jdbc.update("UPDATE request_journal_accounts SET entries = entries - ?, bytes = bytes - ?, dropped_through = ?"
                + " WHERE account = ?", dropped[0], dropped[1], dropped[2], account);
        if (mayEmpty) {
            jdbc.update("DELETE FROM request_journal_accounts WHERE account = ? AND entries <= 0", account);
        }
        return dropped[1];
    }

    /** Beyond {@code max-accounts}, drops the least recently used accounts whole; returns their bytes. */
    private long dropLeastRecentlyUsedAccounts() {
        Integer accounts = jdbc.queryForObject("SELECT COUNT(*) FROM request_journal_accounts", Integer.class);
        int excess = accounts == null ? 0 : accounts - maxAccounts;
        if (excess <= 0) {
            return 0;
        }
        long bytes = 0;
        for (Map.Entry<String, Long> eldest : accountsBy("last_used", excess).entrySet()) {
            removeAccount(eldest.getKey());
            bytes += eldest.getValue();
        }
        return bytes;
    }

    /**
     * Beyond {@code max-bytes}, the journal holding the most bytes drops its oldest entries until the total fits or
     * it is no longer the largest; then the next largest, and so on. Returns the total left.
     */
    private long dropOverMaxBytes(long bytes) {
        long total = bytes;
        while (total > maxBytes) {
            List<Map.Entry<String, Long>> largest = List.copyOf(accountsBy("bytes DESC", 2).entrySet());
            if (largest.isEmpty()) {
                return 0;
            }
            String account = largest.get(0).getKey();
            long accountBytes = largest.get(0).getValue();
            long next = largest.size() > 1 ? largest.get(1).getValue() : 0;
            List<long[]> oldest = jdbc.query(OLDEST, (rs, row) -> new long[]{rs.getLong(1), rs.getLong(2)}, account,
                    DROP_CHUNK);
            if (oldest.isEmpty()) {
                // counted bytes without entries cannot happen, but must not loop here for ever either
                removeAccount(account);
                total -= accountBytes;
                continue;
            }
            int count = 0;
            long freed = 0;
            // one at a time as long as this journal is the largest: what dropping from the largest each time gives
            for (long[] entry : oldest) {
                if (count > 0 && (total - freed <= maxBytes || accountBytes - freed < next)) {
                    break;
                }
                count++;
                freed += entry[1];
            }
            total -= dropOldest(account, 0, Math.max(count, 1), true);
        }
        return total;
    }

    /** The first {@code count} accounts in {@code order}, with their bytes. */
    private Map<String, Long> accountsBy(String order, int count) {
        // order is one of this class's constants, never input
        Map<String, Long> accounts = new LinkedHashMap<>();
        jdbc.query("SELECT account, bytes FROM request_journal_accounts ORDER BY " + order + ", account LIMIT ?",
                rs -> {
                    accounts.put(rs.getString(1), rs.getLong(2));
                }, count);
        return accounts;
    }

    /** @return the entries removed */
    private int removeAccount(String account) {
        int entries = jdbc.update("DELETE FROM request_journal WHERE account = ?", account);
        jdbc.update("DELETE FROM request_journal_accounts WHERE account = ?", account);
        return entries;
    }

    private List<JournalEntry> select(Account account, JournalQuery query) {
        if (holdsNul(query.operationId()) || holdsNul(query.operation())) {
            // no stored operation ID or name holds one, and PostgreSQL's text cannot even be compared with it
            return List.of();
        }
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS)
                .append(" FROM request_journal WHERE account = ?");
        List<Object> arguments = new ArrayList<>();
        arguments.add(account.id());
        if (query.operationId() != null) {
            sql.append(" AND operation_id = ?");
            arguments.add(query.operationId());
        }
        if (query.status() != null) {
            sql.append(" AND status BETWEEN ? AND ?");
            arguments.add(query.lowestStatus());
            arguments.add(query.highestStatus());
        }
        if (query.operation() != null) {
            sql.append(" AND operation = ?");
            arguments.add(query.operation());
        }
        // both columns of the index, as in OLDEST
        sql.append(" ORDER BY account DESC, seq DESC");
        String path = query.path();
        if (path == null) {
            sql.append(" LIMIT ?");
            arguments.add(query.limit());
        }
        List<JournalEntry> entries = new ArrayList<>();
        jdbc.query(sql.toString(), rs -> {
            if (entries.size() < query.limit()) {
                JournalEntry entry = entry(rs);
                if (path == null || entry.path().startsWith(path)) {
                    entries.add(entry);
                }
            }
        }, arguments.toArray());
        return entries;
    }

    private static boolean holdsNul(@Nullable String text) {
        return text != null && text.indexOf('\u0000') >= 0;
    }

    private static JournalEntry entry(ResultSet rs) throws SQLException {
        return new JournalEntry(
                Instant.ofEpochMilli(rs.getLong(1)),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getInt(7),
                rs.getLong(8),
                JSON.readValue(rs.getString(9), HEADERS),
                rs.getBoolean(10),
                rs.getString(11),
                rs.getBoolean(12),
                rs.getString(13),
                rs.getBoolean(14));
    }
}
