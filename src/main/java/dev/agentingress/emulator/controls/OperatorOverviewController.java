package dev.agentingress.emulator.controls;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.agentingress.emulator.api.AccountState;
import dev.agentingress.emulator.api.OperatorOnly;
import dev.agentingress.emulator.api.PathKind;
import dev.agentingress.emulator.api.error.ControlDocs;
import dev.agentingress.emulator.config.EmulatorClock;
import io.swagger.v3.oas.annotations.Operation;

/** The operator's overview: what the server holds, every account together, and the clock of every account. */
@RestController
@ControlDocs("operator-overview")
class OperatorOverviewController {

    private final List<AccountState> states;
    private final EmulatorClock clock;

    OperatorOverviewController(List<AccountState> states, EmulatorClock clock) {
        this.states = states;
        this.clock = clock;
    }

    @GetMapping(PathKind.CONTROLS_PREFIX + "/admin/overview")
    @OperatorOnly
    @Operation(summary = "What the server holds (the operator's control)", description = """
            Needs the admin token (`emulator.admin-token`). Answers, for ingresses, journal entries and fault rules, \
            how many there are in all and how many accounts hold any, and the clock of the accounts that have no \
            setting of their own, e.g. `{"agent_ingresses":{"count":3,"accounts":2},...,\
            "clock":{"now":"2025-09-04T10:11:37Z","frozen":true}}`.""")
    Overview overview() {
        Map<AccountState.Kind, Total> totals = new EnumMap<>(AccountState.Kind.class);
        for (AccountState state : states) {
            AccountState.Held held = state.held();
            if (held.kind() != null) {
                totals.merge(held.kind(), new Total(held.count(), held.accounts()), Total::plus);
            }
        }
        return new Overview(total(totals, AccountState.Kind.AGENT_INGRESSES),
                total(totals, AccountState.Kind.JOURNAL_ENTRIES), total(totals, AccountState.Kind.FAULT_RULES),
                new GlobalClock(clock.globalNow(), clock.isGloballyFrozen()));
    }

    private static Total total(Map<AccountState.Kind, Total> totals, AccountState.Kind kind) {
        return totals.getOrDefault(kind, new Total(0, 0));
    }

    record Overview(Total agentIngresses, Total journalEntries, Total faultRules, GlobalClock clock) {
    }

    /** @param accounts how many accounts hold at least one */
    record Total(long count, long accounts) {

        Total plus(Total other) {
            return new Total(count + other.count, accounts + other.accounts);
        }
    }

    /** @param now the time of every account without a clock of its own */
    record GlobalClock(Instant now, boolean frozen) {
    }
}
