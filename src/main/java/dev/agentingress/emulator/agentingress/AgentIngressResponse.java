package dev.agentingress.emulator.agentingress;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * ngrok's {@code AgentIngress} on the wire: description and metadata left out when empty, the rest always present.
 * Times are whole seconds (the representation truncates them), written as every wire time is ({@code WireFormats}).
 */
record AgentIngressResponse(
        String id,
        String uri,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String description,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String metadata,
        String domain,
        @JsonSerialize(using = HostNamesSerializer.class) List<String> nsTargets,
        @JsonSerialize(using = HostNamesSerializer.class) List<String> regionDomains,
        Instant createdAt,
        @Nullable AgentIngressCertPolicy certificateManagementPolicy,
        @Nullable CertStatus certificateManagementStatus) {

    /** ngrok's {@code AgentIngressCertStatus}; its nullable fields are sent as null, not left out. */
    record CertStatus(@Nullable Instant renewsAt, @Nullable CertJob provisioningJob) {
    }

    /** ngrok's {@code AgentIngressCertJob}. */
    record CertJob(@Nullable String errorCode, String msg, Instant startedAt, @Nullable Instant retriesAt) {
    }
}
