package dev.agentingress.emulator.agentingress;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * ngrok's {@code AgentIngressUpdate}. {@code id} is accepted and ignored (the TypeScript client sends it); a
 * {@code domain} is rejected (214). For the policy, null means "absent: leave it" and an empty Optional means an
 * explicit JSON null: "turn management off".
 */
@SuppressWarnings("OptionalUsedAsFieldOrParameterType")
record AgentIngressUpdate(
        @Nullable String id,
        @Nullable String description,
        @Nullable String metadata,
        @Nullable Optional<AgentIngressCertPolicy> certificateManagementPolicy) {
}
