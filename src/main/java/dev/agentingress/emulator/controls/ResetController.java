package dev.agentingress.emulator.controls;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.agentingress.emulator.api.Account;
import dev.agentingress.emulator.api.AccountState;
import dev.agentingress.emulator.api.OperatorOnly;
import dev.agentingress.emulator.api.PathKind;

/**
 * Reset: forget everything of the caller's account (ingresses, journal, fault rules, clock) in one call, leaving
 * every other account alone, so parallel test suites can each start clean; and the operator's reset of all accounts.
 */
@RestController
class ResetController {

    private final List<AccountState> states;

    ResetController(List<AccountState> states) {
        this.states = states;
    }

    @PostMapping(PathKind.CONTROLS_PREFIX + "/reset")
    ResetResult reset(Account account) {
        int deleted = 0;
        for (AccountState state : states) {
            deleted += state.clear(account);
        }
        return new ResetResult(deleted);
    }

    @PostMapping(PathKind.CONTROLS_PREFIX + "/admin/reset")
    @OperatorOnly
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void resetAll() {
        states.forEach(AccountState::clearAll);
    }

    /** How many stored items (ingresses, journal entries, fault rules) the reset removed. */
    record ResetResult(int deleted) {
    }
}
