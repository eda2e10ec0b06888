package dev.agentingress.emulator.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The time the emulator gives each account: the system clock, unless a test froze or shifted it, for everyone or for
 * one account (which then wins). Held in memory: every instance has its own settings. At most
 * {@code emulator.clock.max-accounts} accounts hold a setting of their own, so tokens without end cannot fill the
 * heap; beyond, a new account's freeze or advance is refused ({@link TooManyAccounts}) rather than silently dropped,
 * and a reset gives its place back.
 */
@Component
public class EmulatorClock {

    private final Clock system;
    private final int maxAccounts;
    private volatile @Nullable Setting global;
    /** Read without a lock; changed under {@link #update}'s, so the cap holds under concurrent freezes. */
    private final ConcurrentMap<String, Setting> accounts = new ConcurrentHashMap<>();

    public EmulatorClock(Clock system, EmulatorProperties properties) {
        this.system = system;
        this.maxAccounts = properties.clock().maxAccounts();
    }

    /** Now, as the given account sees it. */
    public Instant now(String account) {
        return settingOf(account).apply(system.instant());
    }

    /** Now, for accounts without a setting of their own. */
    public Instant globalNow() {
        Setting global = this.global;
        return (global == null ? Setting.REAL : global).apply(system.instant());
    }

    /** A clock frozen at the account's now, for work that asks for a {@link Clock} (e.g. a filter's {@code now()}). */
    public Clock fixedFor(String account) {
        return Clock.fixed(now(account), ZoneOffset.UTC);
    }

    /**
     * Stops the clock at {@code at}, for one account or (with null) everyone.
     *
     * @throws TooManyAccounts when the account has no setting yet and {@code max-accounts} accounts have one
     */
    public void freeze(@Nullable String account, Instant at) {
        update(account, new Setting(at, Duration.ZERO));
    }

    /**
     * Moves the clock by {@code by}: a frozen clock stays frozen at the later time, a running one runs ahead.
     *
     * @throws TooManyAccounts when the account has no setting yet and {@code max-accounts} accounts have one
     */
    public void advance(@Nullable String account, Duration by) {
        Setting global = this.global == null ? Setting.REAL : this.global;
        Setting current = account == null ? global : accounts.getOrDefault(account, global);
        update(account, current.advancedBy(by));
    }

    /** Back to the system clock (an account then follows the global setting, if any). */
    public void reset(@Nullable String account) {
        if (account == null) {
            global = null;
        } else {
            accounts.remove(account);
        }
    }

    /** Every clock back to real time, the global one included. */
    public void resetEverything() {
        global = null;
        accounts.clear();
    }

    public boolean isFrozen(String account) {
        return settingOf(account).frozenAt() != null;
    }

    private Setting settingOf(String account) {
        Setting global = this.global;
        return accounts.getOrDefault(account, global == null ? Setting.REAL : global);
    }

    private synchronized void update(@Nullable String account, Setting setting) {
        if (account == null) {
            global = setting;
            return;
        }
        if (!accounts.containsKey(account) && accounts.size() >= maxAccounts) {
            throw new TooManyAccounts(maxAccounts);
        }
        accounts.put(account, setting);
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

    /** Either frozen at an instant (then moved only by advances) or the real time plus an offset. */
    private record Setting(@Nullable Instant frozenAt, Duration offset) {

        static final Setting REAL = new Setting(null, Duration.ZERO);

        Instant apply(Instant real) {
            return frozenAt != null ? frozenAt : real.plus(offset);
        }

        Setting advancedBy(Duration by) {
            return frozenAt != null ? new Setting(frozenAt.plus(by), Duration.ZERO)
                    : new Setting(null, offset.plus(by));
        }
    }
}
