package dev.agentingress.emulator.agentingress;

import org.jspecify.annotations.Nullable;

/** ngrok's {@code AgentIngressCertPolicy} as it travels in JSON: in requests either value may be left out. */
record AgentIngressCertPolicy(@Nullable String authority, @Nullable String privateKeyType) {
}
