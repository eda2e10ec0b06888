package dev.agentingress.emulator.api.web;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

import dev.agentingress.emulator.api.Account;
import dev.agentingress.emulator.api.error.NgrokErrors;
import dev.agentingress.emulator.config.EmulatorProperties;

/**
 * ngrok's per-account rate limit: at most {@code limit} API requests in any rolling {@code window}, the rest answered
 * 429 ERR_NGROK_226 (refused requests do not count). Each account keeps the times of its last {@code limit} requests
 * in a ring of that many longs, and at most {@code max-accounts} accounts are tracked, the least recently active
 * forgotten first, so the whole fits in {@code max-accounts × limit × 8} bytes and a little. Forgetting an account
 * gives it a fresh window, which grants an open-mode client nothing a new token would not. Time is monotonic
 * ({@link System#nanoTime}), so clock steps and the emulator's own test clock do not touch it.
 */
class ApiRateLimiter {

    private final boolean enabled;
    private final int limit;
    private final long windowNanos;
    private final String interval;
    private final LongSupplier nanoTime;
    /** In access order, so the eldest is the least recently active; guarded by itself. */
    private final LinkedHashMap<String, Window> windows;

    ApiRateLimiter(EmulatorProperties.RateLimit settings, LongSupplier nanoTime) {
        this.enabled = settings.enabled();
        this.limit = settings.limit();
        this.windowNanos = settings.window().toNanos();
        this.interval = readable(settings.window());
        this.nanoTime = nanoTime;
        this.windows = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
                return size() > settings.maxAccounts();
            }
        };
    }

    /** Counts one request of the account, or refuses it when the account has used up its window. */
    void check(Account account) {
        if (!enabled) {
            return;
        }
        long now = nanoTime.getAsLong();
        boolean allowed;
        synchronized (windows) {
            allowed = windows.computeIfAbsent(account.id(), id -> new Window(limit)).tryAdd(now, windowNanos);
        }
        if (!allowed) {
            throw NgrokErrors.rateLimited(limit, interval);
        }
    }

    int trackedAccounts() {
        synchronized (windows) {
            return windows.size();
        }
    }

    /** The times of an account's last {@code limit} counted requests, oldest at {@code next}. */
    private static final class Window {

        private final long[] times;
        private int count;
        private int next;

        Window(int limit) {
            this.times = new long[limit];
        }

        /** The request counts when the oldest of the last {@code limit} ones has left the window. */
        boolean tryAdd(long now, long windowNanos) {
            if (count == times.length && now - times[next] < windowNanos) {
                return false;
            }
            times[next] = now;
            next = (next + 1) % times.length;
            count = Math.min(count + 1, times.length);
            return true;
        }
    }

    /** The window as ngrok's message puts it: "1 minute", "30 seconds", "2 hours", "1500 milliseconds". */
    static String readable(Duration window) {
        if (window.toMillis() % 3_600_000 == 0) {
            return plural(window.toHours(), "hour");
        }
        if (window.toMillis() % 60_000 == 0) {
            return plural(window.toMinutes(), "minute");
        }
        if (window.toMillis() % 1_000 == 0) {
            return plural(window.toSeconds(), "second");
        }
        return plural(window.toMillis(), "millisecond");
    }

    private static String plural(long amount, String unit) {
        return amount + " " + unit + (amount == 1 ? "" : "s");
    }
}
