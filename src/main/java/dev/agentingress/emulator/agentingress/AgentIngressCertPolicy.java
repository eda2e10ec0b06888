package dev.agentingress.emulator.agentingress;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** ngrok's {@code AgentIngressCertPolicy} as it travels in JSON: in requests either value may be left out. */
@JsonPropertyOrder(alphabetic = true)
record AgentIngressCertPolicy(@Nullable String authority, @Nullable String privateKeyType) {
}
