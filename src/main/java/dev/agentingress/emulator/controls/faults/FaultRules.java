package dev.agentingress.emulator.controls.faults;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import dev.agentingress.emulator.api.Account;
import dev.agentingress.emulator.api.AccountState;
import dev.agentingress.emulator.api.NgrokOperations;
import dev.agentingress.emulator.api.error.NgrokErrors;
import dev.agentingress.emulator.api.error.NgrokException;
import dev.agentingress.emulator.config.EmulatorProperties;
import dev.agentingress.emulator.ids.KsuidGenerator;

/**
 * Every account's fault rules, in memory and bounded: at most {@value #MAX_RULES_PER_ACCOUNT} rules an account, and
 * {@code emulator.faults.max-rules} in all, every account together (an account without rules holds no place), so a
 * test suite that forgets to clear its rules, or tokens without end, cannot grow the heap. Each rule is small and
 * bounded itself: a fixed-length ID, a known operation name, an error code of at most 64 characters. Rules are tried
 * oldest first; the first that applies to the operation and fires decides the call.
 */
@Service
class FaultRules implements AccountState {

    static final int MAX_RULES_PER_ACCOUNT = 100;

    private final NgrokOperations operations;
    private final KsuidGenerator ids;
    private final int maxRules;
    /** Guarded by itself, with {@link #total}. An account's list is never empty: the last rule out removes it. */
    private final Map<String, List<FaultRule>> accounts = new HashMap<>();
    private int total;

    FaultRules(NgrokOperations operations, KsuidGenerator ids, EmulatorProperties properties) {
        this.operations = operations;
        this.ids = ids;
        this.maxRules = properties.faults().maxRules();
    }

    FaultRule add(Account account, FaultRuleCreate request) {
        FaultRule rule = new FaultRule("flt_" + ids.nextRandom(), operation(request.operation()), fault(request),
                probability(request), request.times());
        synchronized (accounts) {
            if (rulesOf(account).size() >= MAX_RULES_PER_ACCOUNT) {
                throw invalid("An account holds at most " + MAX_RULES_PER_ACCOUNT + " fault rules; DELETE "
                        + FaultController.PATH + " clears them.");
            }
            if (total >= maxRules) {
                throw NgrokErrors.limitReached("fault rules in all accounts together", maxRules,
                        "emulator.faults.max-rules", "DELETE " + FaultController.PATH + " clears an account's rules.");
            }
            accounts.computeIfAbsent(account.id(), id -> new CopyOnWriteArrayList<>()).add(rule);
            total++;
        }
        return rule;
    }

    List<FaultRule> list(Account account) {
        return List.copyOf(rulesOf(account));
    }

    /** The rule that decides this call, if any; a {@code times} rule that this call used up is gone afterwards. */
    @Nullable
    FaultRule next(Account account, String operation) {
        for (FaultRule rule : rulesOf(account)) {
            if (rule.appliesTo(operation) && rule.fires()) {
                if (rule.isUsedUp()) {
                    remove(account, rule);
                }
                return rule;
            }
        }
        return null;
    }

    boolean remove(Account account, String id) {
        for (FaultRule rule : rulesOf(account)) {
            if (rule.id().equals(id)) {
                return remove(account, rule);
            }
        }
        return false;
    }

    @Override
    public Removed clear(Account account) {
        synchronized (accounts) {
            List<FaultRule> removed = accounts.remove(account.id());
            int count = removed == null ? 0 : removed.size();
            total -= count;
            return Removed.of(Kind.FAULT_RULES, count);
        }
    }

    @Override
    public Removed clearAll() {
        synchronized (accounts) {
            int count = total;
            accounts.clear();
            total = 0;
            return Removed.of(Kind.FAULT_RULES, count);
        }
    }

    /** A snapshot to iterate without the lock: copy-on-write, so concurrent changes never disturb a caller. */
    private List<FaultRule> rulesOf(Account account) {
        synchronized (accounts) {
            List<FaultRule> rules = accounts.get(account.id());
            return rules == null ? List.of() : rules;
        }
    }

    private boolean remove(Account account, FaultRule rule) {
        synchronized (accounts) {
            List<FaultRule> rules = accounts.get(account.id());
            if (rules == null || !rules.remove(rule)) {
                return false;
            }
            total--;
            if (rules.isEmpty()) {
                accounts.remove(account.id());
            }
            return true;
        }
    }

    private String operation(@Nullable String operation) {
        Set<String> known = operations.names();
        if (operation == null || operation.isBlank()) {
            throw invalid("A fault rule needs an operation: " + FaultRule.EVERY_OPERATION + " for every one, or one of "
                    + String.join(", ", known) + ".");
        }
        if (!operation.equals(FaultRule.EVERY_OPERATION) && !known.contains(operation)) {
            throw invalid("The operation '" + operation + "' is unknown. Use " + FaultRule.EVERY_OPERATION
                    + " for every operation, or one of " + String.join(", ", known) + ".");
        }
        return operation;
    }

    private static Fault fault(FaultRuleCreate request) {
        try {
            return Fault.of(request.status(),
                    request.latencyMs() == null ? null : Duration.ofMillis(request.latencyMs()),
                    request.errorCode());
        } catch (IllegalArgumentException e) {
            throw invalid("The fault rule is invalid: " + e.getMessage() + ".");
        }
    }

    private static @Nullable Double probability(FaultRuleCreate request) {
        if (request.probability() != null && request.times() != null) {
            throw invalid("A fault rule takes probability or times, not both.");
        }
        return request.probability();
    }

    /**
     * A rule between fields, or an operation the emulator does not know: a plain 400, since ngrok has no code for it
     * (a field's own range is refused before, by the constraints of {@link FaultRuleCreate}).
     */
    private static NgrokException invalid(String msg) {
        return NgrokErrors.plainStatus(400, msg);
    }
}
