package dev.agentingress.emulator.api.web;

import java.util.function.LongSupplier;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.agentingress.emulator.config.EmulatorProperties;

/**
 * The rate limit's count that every instance on the database shares (table {@code rate_limit_windows}): per account,
 * a window that starts with the first request counted and lasts the configured window, and the requests counted in
 * it. A request is counted by one {@code UPDATE} that changes the row only while the window has room (or has passed,
 * when it starts the next one), so concurrent requests on any instance never count past the limit. Time is the
 * instances' wall clock in milliseconds, the one time they share; instances whose clocks disagree by a second move
 * the windows' ends by that second.
 * <p>
 * Rows of windows that have passed are deleted, at most once a second, when an account starts its first window; past
 * {@code max-accounts} rows of live windows, a new account is counted by each instance alone (as the in-instance
 * limit forgets accounts past the same bound), so the table stays as small as the limiter's own memory.
 */
final class SharedWindows implements ApiRateLimiter.SharedCount {

    private static final long PURGE_INTERVAL_MS = 1_000;

    private final JdbcTemplate jdbc;
    private final LongSupplier wallMillis;
    private final int limit;
    private final long windowMs;
    private final int maxAccounts;
    private volatile long purgedAt = Long.MIN_VALUE;

    SharedWindows(JdbcTemplate jdbc, EmulatorProperties.RateLimit settings, LongSupplier wallMillis) {
        this.jdbc = jdbc;
        this.wallMillis = wallMillis;
        this.limit = settings.limit();
        this.windowMs = Math.max(1, settings.window().toMillis());
        this.maxAccounts = settings.maxAccounts();
    }

    /** Counts one request of the account, or answers false when its window is full. */
    @Override
    public boolean tryCount(String account) {
        long now = wallMillis.getAsLong();
        if (countIn(account, now)) {
            return true;
        }
        Integer rows = jdbc.queryForObject("SELECT COUNT(*) FROM rate_limit_windows WHERE account = ?", Integer.class,
                account);
        if (rows != null && rows > 0) {
            return false;
        }
        return startFirstWindow(account, now);
    }

    /** The window has room, or has passed and this request starts the next one. */
    private boolean countIn(String account, long now) {
        long passed = now - windowMs;
        return jdbc.update("UPDATE rate_limit_windows SET hits = CASE WHEN started_ms <= ? THEN 1 ELSE hits + 1 END, "
                + "started_ms = CASE WHEN started_ms <= ? THEN ? ELSE started_ms END "
                + "WHERE account = ? AND (started_ms <= ? OR hits < ?)", passed, passed, now, account, passed,
                limit) > 0;
    }

    private boolean startFirstWindow(String account, long now) {
        if (now - purgedAt >= PURGE_INTERVAL_MS) {
            purgedAt = now;
            jdbc.update("DELETE FROM rate_limit_windows WHERE started_ms <= ?", now - windowMs);
        }
        Integer live = jdbc.queryForObject("SELECT COUNT(*) FROM rate_limit_windows", Integer.class);
        if (live != null && live >= maxAccounts) {
            return true;
        }
        try {
            jdbc.update("INSERT INTO rate_limit_windows (account, started_ms, hits) VALUES (?, ?, 1)", account, now);
            return true;
        } catch (DuplicateKeyException e) {
            // another instance started the window meanwhile: count in it
            return countIn(account, now);
        }
    }
}
