package dev.agentingress.emulator.agentingress;

import java.util.List;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;

/** ngrok's {@code AgentIngress} on the wire: description and metadata left out when empty, the rest always present. */
record AgentIngressResponse(
        String id,
        String uri,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String description,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String metadata,
        String domain,
        List<String> nsTargets,
        List<String> regionDomains,
        String createdAt,
        @Nullable AgentIngressCertPolicy certificateManagementPolicy,
        @Nullable CertStatus certificateManagementStatus) {

    /** ngrok's {@code AgentIngressCertStatus}; its nullable fields are sent as null, not left out. */
    record CertStatus(@Nullable String renewsAt, @Nullable CertJob provisioningJob) {
    }

    /** ngrok's {@code AgentIngressCertJob}. */
    record CertJob(@Nullable String errorCode, String msg, String startedAt, @Nullable String retriesAt) {
    }
}
