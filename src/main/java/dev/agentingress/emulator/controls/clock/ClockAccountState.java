package dev.agentingress.emulator.controls.clock;

import org.springframework.stereotype.Component;

import dev.agentingress.emulator.api.Account;
import dev.agentingress.emulator.api.AccountState;
import dev.agentingress.emulator.config.EmulatorClock;

/** A reset puts the account's clock back to real time (the operator's reset, every clock). */
@Component
class ClockAccountState implements AccountState {

    private final EmulatorClock clock;

    ClockAccountState(EmulatorClock clock) {
        this.clock = clock;
    }

    @Override
    public Removed clear(Account account) {
        clock.reset(account.id());
        return Removed.NOTHING;
    }

    @Override
    public Removed clearAll() {
        clock.resetEverything();
        return Removed.NOTHING;
    }
}
