package dev.agentingress.emulator.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The time the emulator gives each account: the system clock, unless a test froze or shifted it, for everyone or for
 * one account (which then wins). The settings live in the database (table {@code emulator_clocks}), so every instance
 * on it gives an account the same time; a request reads them once, with the account's fault rules
 * ({@link #remember}) or on its first question, and keeps them to its end. At most {@code emulator.clock.max-accounts}
 * accounts hold a setting of their own, so tokens without end cannot fill the table; beyond, a new account's freeze or
 * advance is refused ({@link TooManyAccounts}) rather than silently dropped, and a reset gives its place back.
 */
@Component
public class EmulatorClock {

    /**
     * The account's setting and everyone's, in this order of columns: {@code account, frozen_nanos, offset_nanos}.
     * Public so that the query every API call makes anyway (the fault rules') can read them too.
     */
    public static final String SETTINGS_QUERY =
            "SELECT account, frozen_nanos, offset_nanos FROM emulator_clocks WHERE account IN (?, '')";
    /** The row of the operator's setting for everyone: no account is named so. */
    private static final String EVERYONE = "";
    private static final String REMEMBERED = EmulatorClock.class.getName() + ".setting:";
    private static final RowMapper<StoredSetting> ROWS = (row, i) -> new StoredSetting(row.getString(1),
            (Long) row.getObject(2, Long.class), row.getLong(3));

    private final Clock system;
    private final JdbcTemplate jdbc;
    private final int maxAccounts;
    private final ControlChanges changes;
    /** Changes from this instance one at a time, so that the cap holds exactly within an instance. */
    private final Object writes = new Object();

    public EmulatorClock(Clock system, EmulatorProperties properties, JdbcTemplate jdbc, ControlChanges changes) {
        this.system = system;
        this.jdbc = jdbc;
        this.changes = changes;
        this.maxAccounts = properties.clock().maxAccounts();
    }

    /** Now, as the given account sees it. */
    public Instant now(String account) {
        return settingOf(account).apply(system.instant());
    }

    /** Now, for accounts without a setting of their own. */
    public Instant globalNow() {
        return globalSetting().apply(system.instant());
    }

    /** Whether the clock of accounts without a setting of their own stands still. */
    public boolean isGloballyFrozen() {
        return globalSetting().frozenNanos() != null;
    }

    /** A clock frozen at the account's now, for work that asks for a {@link Clock} (e.g. a filter's {@code now()}). */
    public Clock fixedFor(String account) {
        return Clock.fixed(now(account), ZoneOffset.UTC);
    }

    /**
     * Keeps, to the end of the current request, the account's setting from rows of {@link #SETTINGS_QUERY} that
     * another query read, so that asking the time costs no query of its own.
     */
    public void remember(String account, List<StoredSetting> rows) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.setAttribute(REMEMBERED + account, resolve(account, rows), RequestAttributes.SCOPE_REQUEST);
        }
    }

    /**
     * Stops the clock at {@code at}, for one account or (with null) everyone.
     *
     * @throws TooManyAccounts when the account has no setting yet and {@code max-accounts} accounts have one
     */
    public void freeze(@Nullable String account, Instant at) {
        Setting frozen = new Setting(nanos(at), 0);
        synchronized (writes) {
            if (!set(key(account), frozen)) {
                insert(account, frozen, () -> set(key(account), frozen));
            }
        }
        changed();
    }

    /**
     * Moves the clock by {@code by}: a frozen clock stays frozen at the later time, a running one runs ahead. Done in
     * one statement on a stored setting, so that advances through several instances all count.
     *
     * @throws TooManyAccounts when the account has no setting yet and {@code max-accounts} accounts have one
     */
    public void advance(@Nullable String account, Duration by) {
        long nanos = by.toNanos();
        synchronized (writes) {
            if (!advanceStored(key(account), nanos)) {
                Setting from = account == null ? Setting.REAL : resolve(EVERYONE, jdbc.query(SETTINGS_QUERY, ROWS,
                        EVERYONE));
                insert(account, from.advancedBy(nanos), () -> advanceStored(key(account), nanos));
            }
        }
        changed();
    }

    /** Back to the system clock (an account then follows the global setting, if any). */
    public void reset(@Nullable String account) {
        jdbc.update("DELETE FROM emulator_clocks WHERE account = ?", key(account));
        changes.removed();
        forgetRemembered();
    }

    /** Every clock back to real time, the global one included. */
    public void resetEverything() {
        jdbc.update("DELETE FROM emulator_clocks");
        changes.removed();
        forgetRemembered();
    }

    public boolean isFrozen(String account) {
        return settingOf(account).frozenNanos() != null;
    }

    private Setting settingOf(String account) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        String name = REMEMBERED + account;
        if (request != null && request.getAttribute(name, RequestAttributes.SCOPE_REQUEST) instanceof Setting known) {
            return known;
        }
        Setting setting = resolve(account, jdbc.query(SETTINGS_QUERY, ROWS, account));
        if (request != null) {
            request.setAttribute(name, setting, RequestAttributes.SCOPE_REQUEST);
        }
        return setting;
    }

    private Setting globalSetting() {
        return resolve(EVERYONE, jdbc.query(SETTINGS_QUERY, ROWS, EVERYONE));
    }

    /** The account's own setting, else everyone's, else real time. */
    private static Setting resolve(String account, List<StoredSetting> rows) {
        Setting global = Setting.REAL;
        for (StoredSetting row : rows) {
            if (row.account().equals(account)) {
                return row.setting();
            }
            if (row.account().equals(EVERYONE)) {
                global = row.setting();
            }
        }
        return global;
    }

    /** After a write: what this request and the readers of {@link ControlChanges} read before is out of date. */
    private void changed() {
        changes.changed();
        forgetRemembered();
    }

    /** A setting this request read before a change would hide the change from the rest of the request. */
    private static void forgetRemembered() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            for (String name : request.getAttributeNames(RequestAttributes.SCOPE_REQUEST)) {
                if (name.startsWith(REMEMBERED)) {
                    request.removeAttribute(name, RequestAttributes.SCOPE_REQUEST);
                }
            }
        }
    }

    private boolean set(String key, Setting setting) {
        return jdbc.update("UPDATE emulator_clocks SET frozen_nanos = ?, offset_nanos = ? WHERE account = ?",
                setting.frozenNanos(), setting.offsetNanos(), key) > 0;
    }

    /** A frozen clock moves its instant, a running one its offset; no row, no change. */
    private boolean advanceStored(String key, long nanos) {
        return jdbc.update("UPDATE emulator_clocks SET frozen_nanos = frozen_nanos + ?, offset_nanos = CASE WHEN "
                + "frozen_nanos IS NULL THEN offset_nanos + ? ELSE 0 END WHERE account = ?", nanos, nanos, key) > 0;
    }

    /** The account's first setting; when another instance stored one meanwhile, {@code instead} changes that one. */
    private void insert(@Nullable String account, Setting setting, Runnable instead) {
        if (account != null) {
            Integer held = jdbc.queryForObject("SELECT COUNT(*) FROM emulator_clocks WHERE account <> ''",
                    Integer.class);
            if (held != null && held >= maxAccounts) {
                throw new TooManyAccounts(maxAccounts);
            }
        }
        try {
            jdbc.update("INSERT INTO emulator_clocks (account, frozen_nanos, offset_nanos) VALUES (?, ?, ?)",
                    key(account), setting.frozenNanos(), setting.offsetNanos());
        } catch (DuplicateKeyException e) {
            instead.run();
        }
    }

    private static String key(@Nullable String account) {
        return account == null ? EVERYONE : account;
    }

    /** Every instant an ID can hold is within a BIGINT of nanoseconds from the epoch (about ±292 years). */
    private static long nanos(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000_000L), at.getNano());
    }

    /** Every place for an account's own setting is taken; the message is the controller's to write. */
    public static final class TooManyAccounts extends RuntimeException {

        private final int maxAccounts;

        TooManyAccounts(int maxAccounts) {
            super("at most " + maxAccounts + " accounts may hold a clock setting", null, false, false);
            this.maxAccounts = maxAccounts;
        }

        public int maxAccounts() {
            return maxAccounts;
        }
    }

    /** A row of {@link #SETTINGS_QUERY}. */
    public record StoredSetting(String account, @Nullable Long frozenNanos, long offsetNanos) {

        Setting setting() {
            return new Setting(frozenNanos, offsetNanos);
        }
    }

    /** Either frozen at an instant (then moved only by advances) or the real time plus an offset, in nanoseconds. */
    private record Setting(@Nullable Long frozenNanos, long offsetNanos) {

        static final Setting REAL = new Setting(null, 0);

        Instant apply(Instant real) {
            return frozenNanos != null ? Instant.ofEpochSecond(0, frozenNanos) : real.plusNanos(offsetNanos);
        }

        Setting advancedBy(long nanos) {
            return frozenNanos != null ? new Setting(frozenNanos + nanos, 0) : new Setting(null, offsetNanos + nanos);
        }
    }
}
