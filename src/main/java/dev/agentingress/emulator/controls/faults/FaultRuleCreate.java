package dev.agentingress.emulator.controls.faults;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /_emulator/faults}. Every field but {@code operation} may be left out. Each field's own
 * range is a constraint here (the bounds are {@link Fault}'s, which the header shares); the rules between fields, and
 * the operation's name, are checked by {@link FaultRules#add}.
 *
 * @param operation   an ngrok operation ID such as {@code AgentIngressesCreate}, or {@code *} for every one
 * @param status      the error status to answer with (400 to 599)
 * @param latencyMs   how long to delay the answer, in milliseconds
 * @param errorCode   the envelope's {@code error_code} (needs a status)
 * @param probability the share of matching calls that fail, 0 to 1
 * @param times       how many of the next matching calls fail; the rule goes when they are used up
 */
record FaultRuleCreate(
        @Nullable String operation,
        @Min(value = Fault.MIN_STATUS, message = STATUS) @Max(value = Fault.MAX_STATUS,
                message = STATUS) @Nullable Integer status,
        @Min(value = 0, message = LATENCY) @Max(value = Fault.MAX_LATENCY_MS,
                message = LATENCY) @Nullable Long latencyMs,
        @Pattern(regexp = Fault.ERROR_CODE, message = ERROR_CODE) @Nullable String errorCode,
        @DecimalMin(value = "0", message = PROBABILITY) @DecimalMax(value = "1",
                message = PROBABILITY) @Nullable Double probability,
        @Min(value = 1, message = "a whole number of at least 1") @Nullable Integer times) {

    private static final String STATUS = "an HTTP error status from " + Fault.MIN_STATUS + " to " + Fault.MAX_STATUS;
    private static final String LATENCY = "a number of milliseconds from 0 to " + Fault.MAX_LATENCY_MS;
    private static final String ERROR_CODE = "letters, digits and underscores (at most 64), such as ERR_NGROK_226";
    private static final String PROBABILITY = "a number from 0 to 1";
}
