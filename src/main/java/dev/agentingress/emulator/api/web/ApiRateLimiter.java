package dev.agentingress.emulator.api.web;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

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
 * <p>
 * Instances on one database also count together ({@link SharedWindows}): a request this instance lets through must
 * also find room in the account's shared window, which starts with its first request and lasts {@code window}. On one
 * instance that never refuses what the ring allows (all the ring's requests are in the shared window too), so the
 * limit behaves as above; across instances an account gets exactly {@code limit} requests from its first one until
 * its window has passed, whichever instances take them.
 */
class ApiRateLimiter {

    private final boolean enabled;
    private final int limit;
    private final long windowNanos;
    private final String interval;
    private final LongSupplier nanoTime;
    private final @Nullable SharedCount shared;
    /** In access order, so the eldest is the least recently active; guarded by itself. */
    private final LinkedHashMap<String, Window> windows;

    /** Counting in this instance only. */
    ApiRateLimiter(EmulatorProperties.RateLimit settings, LongSupplier nanoTime) {
        this(settings, nanoTime, null);
    }

    ApiRateLimiter(EmulatorProperties.RateLimit settings, LongSupplier nanoTime, @Nullable SharedCount shared) {
        this.shared = shared;
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
        Window window;
        int slot;
        synchronized (windows) {
            window = windows.computeIfAbsent(account.id(), id -> new Window(limit));
            slot = window.tryAdd(now, windowNanos);
        }
        if (slot < 0) {
            throw NgrokErrors.rateLimited(limit, interval);
        }
        if (shared != null && !shared.tryCount(account.id())) {
            synchronized (windows) {
                window.undo(slot, now, windowNanos);
            }
            throw NgrokErrors.rateLimited(limit, interval);
        }
    }

    /** The count every instance shares ({@link SharedWindows}): true when the account's request counts there too. */
    interface SharedCount {

        boolean tryCount(String account);
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
        /** What the last add replaced, so that an add the shared window refused can be taken back. */
        private long replaced;
        private int countBefore;

        Window(int limit) {
            this.times = new long[limit];
        }

        /**
         * The request counts when the oldest of the last {@code limit} ones has left the window: answers the slot it
         * took, or -1 when it does not count.
         */
        int tryAdd(long now, long windowNanos) {
            if (count == times.length && now - times[next] < windowNanos) {
                return -1;
            }
            int slot = next;
            replaced = times[slot];
            countBefore = count;
            times[slot] = now;
            next = (next + 1) % times.length;
            count = Math.min(count + 1, times.length);
            return slot;
        }

        /**
         * Takes back the add at {@code slot}. When another add came after it, the slot is only marked as left the
         * window: it then frees its place when it is the oldest, a request later than exact, never earlier.
         */
        void undo(int slot, long now, long windowNanos) {
            if (times[slot] != now) {
                return;
            }
            if ((slot + 1) % times.length == next) {
                times[slot] = replaced;
                next = slot;
                count = countBefore;
            } else {
                times[slot] = now - windowNanos;
            }
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
