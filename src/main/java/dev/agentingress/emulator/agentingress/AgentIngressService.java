package dev.agentingress.emulator.agentingress;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.agentingress.emulator.agentingress.filter.FilterableIngress;
import dev.agentingress.emulator.agentingress.filter.IngressFilter;
import dev.agentingress.emulator.agentingress.filter.InvalidFilterException;
import dev.agentingress.emulator.api.Account;
import dev.agentingress.emulator.api.Ksuid;
import dev.agentingress.emulator.api.KsuidGenerator;
import dev.agentingress.emulator.api.NgrokErrors;
import dev.agentingress.emulator.api.PageParameters;
import dev.agentingress.emulator.api.ResourceIds;
import dev.agentingress.emulator.config.EmulatorClock;
import dev.agentingress.emulator.config.EmulatorProperties;

/**
 * The agent ingress rules: ngrok's validation in ngrok's order, IDs, certificate policy defaults, paging. Owns the
 * transactions, and every call is scoped to the caller's account.
 */
@Service
@Transactional
public class AgentIngressService {

    /** Rows read per query while a filter drops some of them. */
    private static final int FILTERED_BATCH = 200;

    private final AgentIngressRepository repository;
    private final KsuidGenerator ksuids;
    private final EmulatorClock clock;
    private final EmulatorProperties.Certificates lifecycle;
    /** The bound on stored ingresses in memory mode; none in the durable and PostgreSQL modes. */
    private final int maxIngresses;

    AgentIngressService(AgentIngressRepository repository, KsuidGenerator ksuids, EmulatorClock clock,
            EmulatorProperties properties, @Value("${spring.datasource.url:}") String datasourceUrl) {
        this.repository = repository;
        this.ksuids = ksuids;
        this.clock = clock;
        this.lifecycle = properties.certificates();
        this.maxIngresses = EmulatorProperties.Memory.holdsRowsInHeap(datasourceUrl)
                ? properties.memory().maxIngresses() : Integer.MAX_VALUE;
    }

    AgentIngress create(Account account, AgentIngressCreate request) {
        AgentIngressRules.NewIngress checked = AgentIngressRules.checkNew(request.domain(), request.description(),
                request.metadata(), request.certificateManagementPolicy());
        requireRoomForOneMore();
        String domain = checked.domain();
        AgentIngress ingress = checked.toEntity(nextId(account), account.id());
        ingress.applyCertificatePolicy(checked.policy(), now(account));
        try {
            return repository.saveAndFlush(ingress);
        } catch (DataIntegrityViolationException e) {
            // the domain's unique index is the check: one statement fewer than asking first, and race-free
            throw DomainNames.taken(domain);
        }
    }

    /**
     * In memory mode the rows live in the heap, so their number is bounded (each takes up to 12 KiB, see
     * docs/limits.md): the create or import that would pass it is refused, before anything is stored. Concurrent
     * creates may each see the last free place, so the bound can be passed by the request threads at most.
     */
    void requireRoomForOneMore() {
        if (maxIngresses != Integer.MAX_VALUE && repository.count() >= maxIngresses) {
            throw NgrokErrors.limitReached("agent ingresses in memory", maxIngresses, "emulator.memory.max-ingresses",
                    "Delete some, raise the setting along with the heap (-Xmx), or use the durable or PostgreSQL mode.");
        }
    }

    /** One row by its key: no transaction to begin and commit around it (see the repository's finder). */
    @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
    AgentIngress get(Account account, String id) {
        // another account's ingress is as unknown to this one as one that does not exist
        return repository.findById(id).filter(ingress -> ingress.account().equals(account.id()))
                .orElseThrow(NgrokErrors::resourceNotFound);
    }

    AgentIngress update(Account account, String id, AgentIngressUpdate request) {
        String description = request.description() == null ? null : AgentIngressRules.description(request.description());
        String metadata = request.metadata() == null ? null : AgentIngressRules.metadata(request.metadata());
        Optional<AgentIngressCertPolicy> requestedPolicy = request.certificateManagementPolicy();
        CertificatePolicy policy = requestedPolicy == null || requestedPolicy.isEmpty() ? null
                : AgentIngressRules.policyWithDefaults(requestedPolicy.get());
        AgentIngress ingress = get(account, id);
        if (description != null) {
            ingress.setDescription(description);
        }
        if (metadata != null) {
            ingress.setMetadata(metadata);
        }
        if (requestedPolicy != null) {
            ingress.applyCertificatePolicy(policy, now(account));
        }
        return ingress;
    }

    void delete(Account account, String id) {
        if (repository.deleteByIdAndAccount(id, account.id()) == 0) {
            throw NgrokErrors.resourceNotFound();
        }
    }

    /** The test control that ends provisioning now: the certificate is issued. */
    AgentIngress issueCertificate(Account account, String id) {
        AgentIngress ingress = withCertificateManagement(account, id);
        ingress.issueCertificate(now(account), lifecycle);
        return ingress;
    }

    /** The test control that makes provisioning fail, as when the domain's NS records do not point at ngrok. */
    AgentIngress failCertificate(Account account, String id, CertificateFailure failure) {
        AgentIngress ingress = withCertificateManagement(account, id);
        ingress.failProvisioning(failure.errorCode(), failure.message(ingress.domain()), now(account), lifecycle);
        return ingress;
    }

    private AgentIngress withCertificateManagement(Account account, String id) {
        AgentIngress ingress = get(account, id);
        if (ingress.certificatePolicy() == null) {
            throw NgrokErrors.plainStatus(409, "Certificate management is off for " + id
                    + ": set a certificate_management_policy first.");
        }
        return ingress;
    }

    /** Every ingress of the account, newest first. */
    @Transactional(readOnly = true)
    List<AgentIngress> all(Account account) {
        return repository.newestFirst(account.id(), Limit.unlimited());
    }

    /** One page, newest first, and whether older items (that pass the filter) remain. */
    @Transactional(readOnly = true)
    IngressPage list(Account account, PageParameters page) {
        IngressFilter filter = page.filter() == null ? null : compile(page.filter(), account);
        int wanted = page.limit() + 1;
        List<AgentIngress> matches = new ArrayList<>(wanted);
        String beforeId = page.beforeId();
        while (matches.size() < wanted) {
            int batch = filter == null ? wanted : FILTERED_BATCH;
            List<AgentIngress> rows = beforeId == null
                    ? repository.newestFirst(account.id(), Limit.of(batch))
                    : repository.newestFirstBefore(account.id(), beforeId, Limit.of(batch));
            for (AgentIngress row : rows) {
                if ((filter == null || filter.matches(filterable(row))) && matches.size() < wanted) {
                    matches.add(row);
                }
            }
            if (rows.size() < batch) {
                break;
            }
            beforeId = rows.get(rows.size() - 1).getId();
        }
        boolean hasMore = matches.size() > page.limit();
        return new IngressPage(hasMore ? matches.subList(0, page.limit()) : matches, hasMore);
    }

    record IngressPage(List<AgentIngress> items, boolean hasMore) {
    }

    /**
     * The account's next ID: after its newest one, so that sequential creates (through any instance, or at one frozen
     * instant) get increasing IDs. No lock is needed: within a second the payload grows by a random 63-bit step, so two
     * concurrent creates that read the same newest ID still get different IDs (in no defined order, as they are
     * concurrent). Lists never span accounts, so order across accounts does not matter.
     */
    String nextId(Account account) {
        return nextId(account, clock.now(account.id()));
    }

    /** The account's next ID at {@code at} (or after its newest ID, if that is later). */
    String nextId(Account account, Instant at) {
        String previous = repository.newest(account.id())
                .map(newest -> ResourceIds.ksuidOf(newest.getId()))
                .orElse(Ksuid.MIN);
        return AgentIngress.ID_PREFIX + "_" + ksuids.nextAfter(previous, at);
    }

    private IngressFilter compile(String expression, Account account) {
        try {
            return IngressFilter.compile(expression, clock.fixedFor(account.id()));
        } catch (InvalidFilterException e) {
            throw NgrokErrors.invalidFilter(e.getDetail());
        }
    }

    private static FilterableIngress filterable(AgentIngress ingress) {
        return new FilterableIngress(ingress.getId(), ingress.createdAt(), ingress.description(), ingress.metadata(),
                ingress.domain());
    }

    Instant now(Account account) {
        return clock.now(account.id()).truncatedTo(ChronoUnit.SECONDS);
    }
}
