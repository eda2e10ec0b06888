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
 * one account (which then wins). Held in memory: every instance has its own settings.
 */
@Component
public class EmulatorClock {

    private final Clock system;
    private volatile @Nullable Setting global;
    private final ConcurrentMap<String, Setting> accounts = new ConcurrentHashMap<>();

    public EmulatorClock(Clock system) {
        this.system = system;
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

    /** Stops the clock at {@code at}, for one account or (with null) everyone. */
    public void freeze(@Nullable String account, Instant at) {
        update(account, new Setting(at, Duration.ZERO));
    }

    /** Moves the clock by {@code by}: a frozen clock stays frozen at the later time, a running one runs ahead. */
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

    private void update(@Nullable String account, Setting setting) {
        if (account == null) {
            global = setting;
        } else {
            accounts.put(account, setting);
        }
    }

    /** Either frozen at an instant (then moved only by advances) or the real time plus an offset. */
    private record Setting(@Nullable Instant frozenAt, Duration offset) {

        static final Setting REAL = new Setting(null, Duration.ZERO);

        Instant apply(Instant real) {
            return frozenAt != null ? frozenAt : real.plus(offset);
        }

        Setting advancedBy(Duration by) {
            return frozenAt != null ? new Setting(frozenAt.plus(by), Duration.ZERO) : new Setting(null, offset.plus(by));
        }
    }
}
