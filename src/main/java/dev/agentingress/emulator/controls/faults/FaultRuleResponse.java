package dev.agentingress.emulator.controls.faults;

import org.jspecify.annotations.Nullable;

/** A fault rule as the controls show it; {@code times_remaining} counts down as matching calls use it up. */
record FaultRuleResponse(
        String id,
        String uri,
        String operation,
        @Nullable Integer status,
        long latencyMs,
        @Nullable String errorCode,
        @Nullable Double probability,
        @Nullable Integer timesRemaining) {
}
