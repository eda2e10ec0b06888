package dev.agentingress.emulator.controls.faults;

import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

/**
 * An account's standing order to fail or delay an operation (or every one, {@code *}): on every matching call, on a
 * share of them ({@code probability}) or on the next few ({@code times}). As read from the database: a
 * {@code times} rule's count is {@link FaultRules}' to spend, in the database, so that concurrent calls on any
 * instance never use one up twice.
 *
 * @param seq       the order of the account's rules, oldest first (0 before the rule is stored)
 * @param remaining how many calls a {@code times} rule still fails; null for the others
 */
record FaultRule(long seq, String id, String operation, Fault fault, @Nullable Double probability,
        @Nullable Integer remaining) {

    static final String EVERY_OPERATION = "*";

    /** Whether the rule fails a given number of calls, counted down in the database. */
    boolean isCounted() {
        return remaining != null;
    }

    /** Whether this call suffers the fault, for a rule that is not counted: always, or at its probability. */
    boolean firesByChance() {
        return probability == null || ThreadLocalRandom.current().nextDouble() < probability;
    }

    FaultRuleResponse toResponse() {
        return new FaultRuleResponse(id, FaultController.PATH + "/" + id, operation,
                fault.status() == null ? null : fault.status().value(), fault.latency().toMillis(), fault.errorCode(),
                probability, remaining);
    }
}
