package dev.agentingress.emulator.agentingress;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the import control and start-up seeds read: the JSON of {@code GET /agent_ingresses} (so an export imports as
 * it is). IDs, creation times and certificate statuses are kept when given; URIs, region domains and NS targets are
 * derived, so they are read and ignored. The items are spooled as they are read ({@link ImportedItems}), so a body of
 * any size is read in bounded memory; the import that takes them closes them.
 */
record AgentIngressImport(@Nullable ImportedItems ingresses, @Nullable String uri, @Nullable String nextPageUri) {

    record Item(
            @Nullable String id,
            @Nullable String uri,
            @Nullable String description,
            @Nullable String metadata,
            @Nullable String domain,
            @Nullable List<String> nsTargets,
            @Nullable List<String> regionDomains,
            @Nullable Instant createdAt,
            @Nullable AgentIngressCertPolicy certificateManagementPolicy,
            AgentIngressResponse.@Nullable CertStatus certificateManagementStatus) {
    }

    /** What an import did: new ingresses, and ingresses already there with the same ID (left as they are). */
    record Result(int imported, int skipped) {
    }
}
