package dev.agentingress.emulator.agentingress;

import org.jspecify.annotations.Nullable;

import io.swagger.v3.oas.annotations.media.Schema;

/** ngrok's {@code AgentIngressCreate}. An {@code id} or any other field is rejected by the strict JSON reader (214). */
record AgentIngressCreate(
        // required as in ngrok's document; a missing one is answered with ngrok's 6704, not a bean-validation error
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) @Nullable String domain,
        @Nullable String description,
        @Nullable String metadata,
        @Nullable AgentIngressCertPolicy certificateManagementPolicy) {
}
