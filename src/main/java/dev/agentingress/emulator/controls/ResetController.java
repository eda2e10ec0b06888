package dev.agentingress.emulator.controls;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.agentingress.emulator.api.Account;
import dev.agentingress.emulator.api.AccountState;
import dev.agentingress.emulator.api.OperatorOnly;
import dev.agentingress.emulator.api.PathKind;
import dev.agentingress.emulator.api.error.ControlDocs;
import io.swagger.v3.oas.annotations.Operation;

/**
 * Reset: forget everything of the caller's account (ingresses, journal, fault rules, clock) in one call, leaving
 * every other account alone, so parallel test suites can each start clean; and the operator's reset of all accounts.
 */
@RestController
@ControlDocs("reset")
class ResetController {

    private final List<AccountState> states;

    ResetController(List<AccountState> states) {
        this.states = states;
    }

    @PostMapping(PathKind.CONTROLS_PREFIX + "/reset")
    @Operation(summary = "Reset the caller's account", description = """
            Deletes the account's ingresses, journal entries and fault rules and puts its clock back to real time; \
            other accounts are untouched. Answers how many items of each kind went, e.g. \
            `{"agent_ingresses":3,"fault_rules":0,"journal_entries":5}`.""")
    ResetResult reset(Account account) {
        return ResetResult.of(states.stream().map(state -> state.clear(account)).toList());
    }

    @PostMapping(PathKind.CONTROLS_PREFIX + "/admin/reset")
    @OperatorOnly
    @Operation(summary = "Reset every account (the operator's control)", description = """
            Needs the admin token (`emulator.admin-token`). Deletes every account's ingresses, journal entries and \
            fault rules and puts every clock back to real time. Answers how many items of each kind went, all \
            accounts together, in the shape of the account's reset.""")
    ResetResult resetAll() {
        return ResetResult.of(states.stream().map(AccountState::clearAll).toList());
    }

    /**
     * What the reset removed, per kind, so a test can tell which of its leftovers there were. A clock setting is no
     * item: every reset puts the clock back to real time.
     */
    record ResetResult(int agentIngresses, int journalEntries, int faultRules) {

        static ResetResult of(List<AccountState.Removed> removed) {
            Map<AccountState.Kind, Integer> counts = new EnumMap<>(AccountState.Kind.class);
            for (AccountState.Removed items : removed) {
                if (items.kind() != null) {
                    counts.merge(items.kind(), items.count(), Integer::sum);
                }
            }
            return new ResetResult(counts.getOrDefault(AccountState.Kind.AGENT_INGRESSES, 0),
                    counts.getOrDefault(AccountState.Kind.JOURNAL_ENTRIES, 0),
                    counts.getOrDefault(AccountState.Kind.FAULT_RULES, 0));
        }
    }
}
