package dev.agentingress.emulator.api;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import dev.agentingress.emulator.config.EmulatorProperties;

/**
 * ngrok's per-account rate limit: at most {@code limit} API requests in any rolling {@code window}, the rest answered
 * 429 ERR_NGROK_226 (refused requests do not count). Each account keeps the times of its requests still inside the
 * window, so at most {@code limit} of them; an account idle for a whole window is forgotten. Time is monotonic
 * ({@link System#nanoTime}), so clock steps and the emulator's own test clock do not touch it.
 */
class ApiRateLimiter {

    private final boolean enabled;
    private final int limit;
    private final long windowNanos;
    private final String interval;
    private final LongSupplier nanoTime;
    private final ConcurrentMap<String, ArrayDeque<Long>> requestTimes = new ConcurrentHashMap<>();
    private final AtomicLong lastSweep;

    ApiRateLimiter(EmulatorProperties.RateLimit settings, LongSupplier nanoTime) {
        this.enabled = settings.enabled();
        this.limit = settings.limit();
        this.windowNanos = settings.window().toNanos();
        this.interval = readable(settings.window());
        this.nanoTime = nanoTime;
        this.lastSweep = new AtomicLong(nanoTime.getAsLong());
    }

    /** Counts one request of the account, or refuses it when the account has used up its window. */
    void check(Account account) {
        if (!enabled) {
            return;
        }
        long now = nanoTime.getAsLong();
        boolean[] allowed = {false};
        // compute runs atomically per account, so concurrent requests of one account are counted one at a time
        requestTimes.compute(account.id(), (id, times) -> {
            ArrayDeque<Long> recent = times == null ? new ArrayDeque<>() : times;
            dropExpired(recent, now);
            if (recent.size() < limit) {
                recent.addLast(now);
                allowed[0] = true;
            }
            return recent;
        });
        sweepIdleAccounts(now);
        if (!allowed[0]) {
            throw NgrokErrors.rateLimited(limit, interval);
        }
    }

    /** At most once a window, forgets the accounts with no request inside it. */
    private void sweepIdleAccounts(long now) {
        long last = lastSweep.get();
        if (now - last < windowNanos || !lastSweep.compareAndSet(last, now)) {
            return;
        }
        for (String id : requestTimes.keySet()) {
            requestTimes.computeIfPresent(id, (key, times) -> {
                dropExpired(times, now);
                return times.isEmpty() ? null : times;
            });
        }
    }

    private void dropExpired(ArrayDeque<Long> times, long now) {
        while (!times.isEmpty() && now - times.peekFirst() >= windowNanos) {
            times.removeFirst();
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
