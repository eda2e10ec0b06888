package dev.agentingress.emulator.agentingress;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.agentingress.emulator.api.BaseUrl;
import dev.agentingress.emulator.api.PageParameters;
import dev.agentingress.emulator.config.EmulatorClock;
import dev.agentingress.emulator.config.EmulatorProperties;

/**
 * Turns stored ingresses into ngrok's JSON. Region domains and NS targets are derived here, at read time, so a change
 * of configuration shows on every ingress.
 */
@Component
class AgentIngressRepresentation {

    static final String COLLECTION_PATH = "/agent_ingresses";

    private final EmulatorProperties properties;
    private final EmulatorClock clock;

    AgentIngressRepresentation(EmulatorProperties properties, EmulatorClock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    AgentIngressResponse of(AgentIngress ingress, BaseUrl base) {
        String path = COLLECTION_PATH + "/" + ingress.getId();
        return new AgentIngressResponse(
                ingress.getId(),
                properties.absoluteItemUris() ? base.url() + path : path,
                ingress.description(),
                ingress.metadata(),
                ingress.domain(),
                properties.nsTargets(),
                properties.regions().stream().map(region -> "tunnel." + region + "." + ingress.domain()).toList(),
                timestamp(ingress.createdAt()),
                policy(ingress.certificatePolicy()),
                status(ingress.certificateStatus(clock.now(ingress.account()), properties.certificates())));
    }

    /** Every ingress in one list, no next page: the export of the emulator's test controls. */
    AgentIngressExport all(Stream<AgentIngress> ingresses, BaseUrl base) {
        return new AgentIngressExport(ingresses.map(ingress -> of(ingress, base)), base.url() + COLLECTION_PATH, null);
    }

    AgentIngressListResponse of(AgentIngressService.IngressPage page, PageParameters parameters, BaseUrl base) {
        List<AgentIngressResponse> items = page.items().stream().map(ingress -> of(ingress, base)).toList();
        String next = null;
        if (page.hasMore()) {
            next = base.url() + COLLECTION_PATH + "?before_id=" + items.get(items.size() - 1).id() + "&limit="
                    + parameters.limit();
            if (parameters.filter() != null) {
                next += "&filter=" + URLEncoder.encode(parameters.filter(), StandardCharsets.UTF_8).replace("+", "%20");
            }
        }
        return new AgentIngressListResponse(items, base.url() + COLLECTION_PATH, next);
    }

    private static @Nullable AgentIngressCertPolicy policy(@Nullable CertificatePolicy policy) {
        return policy == null ? null : new AgentIngressCertPolicy(policy.authority(), policy.privateKeyType());
    }

    private static AgentIngressResponse.@Nullable CertStatus status(@Nullable CertificateStatus status) {
        if (status == null) {
            return null;
        }
        CertificateStatus.Job job = status.provisioningJob();
        return new AgentIngressResponse.CertStatus(timestampOrNull(status.renewsAt()), job == null ? null
                : new AgentIngressResponse.CertJob(job.errorCode(), job.msg(), timestamp(job.startedAt()),
                        timestampOrNull(job.retriesAt())));
    }

    /** Second precision, as ngrok gives every timestamp; the format is every wire time's ({@code WireFormats}). */
    private static Instant timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS);
    }

    private static @Nullable Instant timestampOrNull(@Nullable Instant instant) {
        return instant == null ? null : timestamp(instant);
    }
}
