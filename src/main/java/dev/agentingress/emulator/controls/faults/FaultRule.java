package dev.agentingress.emulator.controls.faults;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * An account's standing order to fail or delay an operation (or every one, {@code *}): on every matching call, on a
 * share of them ({@code probability}) or on the next few ({@code times}, counted down atomically so that concurrent
 * calls never use one up twice).
 */
final class FaultRule {

    static final String EVERY_OPERATION = "*";

    private final String id;
    private final String operation;
    private final Fault fault;
    private final @Nullable Double probability;
    private final @Nullable AtomicInteger remaining;

    FaultRule(String id, String operation, Fault fault, @Nullable Double probability, @Nullable Integer times) {
        this.id = id;
        this.operation = operation;
        this.fault = fault;
        this.probability = probability;
        this.remaining = times == null ? null : new AtomicInteger(times);
    }

    String id() {
        return id;
    }

    Fault fault() {
        return fault;
    }

    boolean appliesTo(String operationName) {
        return operation.equals(EVERY_OPERATION) || operation.equals(operationName);
    }

    /** Whether this call suffers the fault; a {@code times} rule spends one of its calls when it says yes. */
    boolean fires() {
        if (remaining != null) {
            return remaining.getAndUpdate(left -> Math.max(0, left - 1)) > 0;
        }
        return probability == null || ThreadLocalRandom.current().nextDouble() < probability;
    }

    boolean isUsedUp() {
        return remaining != null && remaining.get() == 0;
    }

    FaultRuleResponse toResponse() {
        return new FaultRuleResponse(id, FaultController.PATH + "/" + id, operation,
                fault.status() == null ? null : fault.status().value(), fault.latency().toMillis(), fault.errorCode(),
                probability, remaining == null ? null : remaining.get());
    }
}
