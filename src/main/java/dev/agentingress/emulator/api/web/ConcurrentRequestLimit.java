package dev.agentingress.emulator.api.web;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import dev.agentingress.emulator.api.Account;
import dev.agentingress.emulator.api.AsyncHandoff;

/**
 * How many requests each account has on server threads right now, at most {@code max} each (ngrok's 429
 * ERR_NGROK_225 beyond), so that one account's burst or slow work cannot take every thread from the others. A request
 * parked while it waits ({@link AsyncHandoff}) holds no thread and so no place. Only accounts with requests running
 * have an entry: the map holds at most one per running request.
 */
final class ConcurrentRequestLimit {

    private final int max;
    private final ConcurrentMap<String, Integer> running = new ConcurrentHashMap<>();

    ConcurrentRequestLimit(int max) {
        this.max = max;
    }

    int max() {
        return max;
    }

    /** Takes a place for one request of the account; false when it already has {@code max} running. */
    boolean tryStart(Account account) {
        boolean[] started = {false};
        running.compute(account.id(), (id, count) -> {
            int now = count == null ? 0 : count;
            if (now >= max) {
                return count;
            }
            started[0] = true;
            return now + 1;
        });
        return started[0];
    }

    void finish(Account account) {
        running.computeIfPresent(account.id(), (id, count) -> count <= 1 ? null : count - 1);
    }
}
