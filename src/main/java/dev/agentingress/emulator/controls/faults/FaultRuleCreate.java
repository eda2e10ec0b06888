package dev.agentingress.emulator.controls.faults;

import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /_emulator/faults}. Every field but {@code operation} may be left out; the rules between
 * them are checked by {@link FaultRules#add}.
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
        @Nullable Integer status,
        @Nullable Long latencyMs,
        @Nullable String errorCode,
        @Nullable Double probability,
        @Nullable Integer times) {
}
