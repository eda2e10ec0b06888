package dev.agentingress.emulator.agentingress;

import org.jspecify.annotations.Nullable;

/** ngrok's {@code AgentIngressCreate}. An {@code id} or any other field is rejected by the strict JSON reader (214). */
record AgentIngressCreate(
        @Nullable String domain,
        @Nullable String description,
        @Nullable String metadata,
        @Nullable AgentIngressCertPolicy certificateManagementPolicy) {
}
