package dev.agentingress.emulator.agentingress;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.agentingress.emulator.agentingress.filter.DatabaseCondition;
import dev.agentingress.emulator.agentingress.filter.FilterableIngress;
import dev.agentingress.emulator.agentingress.filter.IngressFilter;
import dev.agentingress.emulator.agentingress.filter.InvalidFilterException;
import dev.agentingress.emulator.api.Account;
import dev.agentingress.emulator.api.PageParameters;
import dev.agentingress.emulator.api.error.NgrokErrors;
import dev.agentingress.emulator.config.EmulatorClock;
import dev.agentingress.emulator.config.EmulatorProperties;
import dev.agentingress.emulator.config.Transactions;
import dev.agentingress.emulator.ids.Ksuid;
import dev.agentingress.emulator.ids.KsuidGenerator;
import dev.agentingress.emulator.ids.ResourceIds;

/**
 * The agent ingress operations: ngrok's checks in ngrok's order ({@link AgentIngressRules}, {@link DomainNames}),
 * IDs, paging and filters, the certificate controls. Owns the transactions, and every call is scoped to the caller's
 * account.
 */
@Service
class AgentIngressService {

    /**
     * Rows read per query by a filtered list and by export. Small, because a row can carry 4 KiB of metadata and every
     * request thread may be reading a batch: 50 rows stay under half a MiB per thread, and the query per batch is
     * cheap next to evaluating 50 rows.
     */
    private static final int BATCH = 50;

    private final AgentIngressRepository repository;
    private final KsuidGenerator ksuids;
    private final EmulatorClock clock;
    private final EmulatorProperties.Certificates lifecycle;
    private final Duration filterTimeBudget;
    /** The bound on stored ingresses in memory mode; none (null) in the durable and PostgreSQL modes. */
    private final @Nullable RoomInMemory room;
    private final KeptIngresses kept;

    AgentIngressService(AgentIngressRepository repository, KsuidGenerator ksuids, EmulatorClock clock,
            EmulatorProperties properties, KeptIngresses kept,
            @Value("${spring.datasource.url:}") String datasourceUrl) {
        this.repository = repository;
        this.ksuids = ksuids;
        this.clock = clock;
        this.lifecycle = properties.certificates();
        this.filterTimeBudget = properties.filter().timeBudget();
        this.kept = kept;
        this.room = EmulatorProperties.Memory.holdsRowsInHeap(datasourceUrl)
                ? new RoomInMemory(properties.memory().maxIngresses(), repository::count) : null;
    }

    @Transactional(transactionManager = Transactions.MANAGER)
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
            if (!DomainNames.isTaken(e)) {
                throw e;
            }
            throw DomainNames.taken(domain);
        }
    }

    /**
     * In memory mode the rows live in the heap, so their number is bounded (each takes up to 12 KiB, see
     * docs/limits.md): the create or import that would pass it is refused, before anything is stored. Concurrent
     * creates may each see the last free place, so the bound can be passed by the request threads at most.
     */
    void requireRoomForOneMore() {
        if (room != null && !room.takeOne()) {
            throw NgrokErrors.limitReached("agent ingresses in memory", room.max(), "emulator.memory.max-ingresses",
                    "Delete some, raise the setting along with the heap (-Xmx), or use the durable or PostgreSQL mode.");
        }
    }

    /**
     * One row by its key: kept from an earlier read where it may be ({@link KeptIngresses}), else read with no
     * transaction to begin and commit around it (see the repository's finder).
     */
    AgentIngress get(Account account, String id) {
        AgentIngress ingress = kept.get(id);
        if (ingress == null) {
            long ticket = kept.ticket();
            ingress = repository.findById(id).orElse(null);
            if (ingress != null) {
                kept.keep(ticket, ingress);
            }
        }
        // another account's ingress is as unknown to this one as one that does not exist
        if (ingress == null || !ingress.account().equals(account.id())) {
            throw NgrokErrors.resourceNotFound();
        }
        return ingress;
    }

    @Transactional(transactionManager = Transactions.MANAGER)
    AgentIngress update(Account account, String id, AgentIngressUpdate request) {
        String description =
                request.description() == null ? null : AgentIngressRules.description(request.description());
        String metadata = request.metadata() == null ? null : AgentIngressRules.metadata(request.metadata());
        Optional<AgentIngressCertPolicy> requestedPolicy = request.certificateManagementPolicy();
        CertificatePolicy policy = requestedPolicy == null || requestedPolicy.isEmpty() ? null
                : AgentIngressRules.policyWithDefaults(requestedPolicy.get());
        AgentIngress ingress = forUpdate(account, id);
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

    /** The row, locked until this transaction ends: the only way in for a write that reads the row first. */
    private AgentIngress forUpdate(Account account, String id) {
        kept.changing(id);
        return waitingForTheRow(id, () -> repository.findForUpdate(id, account.id()))
                .orElseThrow(NgrokErrors::resourceNotFound);
    }

    @Transactional(transactionManager = Transactions.MANAGER)
    void delete(Account account, String id) {
        kept.changing(id);
        if (waitingForTheRow(id, () -> repository.deleteByIdAndAccount(id, account.id())) == 0) {
            throw NgrokErrors.resourceNotFound();
        }
    }

    /**
     * Runs a statement that may wait for another writer's lock on the row. Writers hold it for milliseconds, but H2
     * gives up after its lock timeout (2 s) when many queue on one row: that is a busy ingress, not a server fault.
     */
    private static <T> T waitingForTheRow(String id, Supplier<T> statement) {
        try {
            return statement.get();
        } catch (PessimisticLockingFailureException e) {
            throw NgrokErrors.plainStatus(409, "The ingress " + id + " is being changed by other requests that did"
                    + " not finish in time; retry.");
        }
    }

    /** The test control that ends provisioning now: the certificate is issued. */
    @Transactional(transactionManager = Transactions.MANAGER)
    AgentIngress issueCertificate(Account account, String id) {
        AgentIngress ingress = withCertificateManagement(account, id);
        ingress.issueCertificate(now(account), lifecycle);
        return ingress;
    }

    /** The test control that makes provisioning fail, as when the domain's NS records do not point at ngrok. */
    @Transactional(transactionManager = Transactions.MANAGER)
    AgentIngress failCertificate(Account account, String id, CertificateFailure failure) {
        AgentIngress ingress = withCertificateManagement(account, id);
        ingress.failProvisioning(failure.code().name(), failure.message(ingress.domain()), now(account), lifecycle);
        return ingress;
    }

    private AgentIngress withCertificateManagement(Account account, String id) {
        AgentIngress ingress = forUpdate(account, id);
        if (ingress.certificatePolicy() == null) {
            throw NgrokErrors.plainStatus(409, "Certificate management is off for " + id
                    + ": set a certificate_management_policy first.");
        }
        return ingress;
    }

    /**
     * Every ingress of the account, newest first, read a batch at a time as the stream is consumed (each batch its own
     * short query), so an export holds one batch, whatever the account's size. Rows created or deleted while it runs
     * may or may not be in it.
     */
    @Transactional(transactionManager = Transactions.MANAGER, propagation = Propagation.NOT_SUPPORTED)
    Stream<AgentIngress> all(Account account) {
        List<AgentIngress> first = repository.newestFirst(account.id(), null, Limit.of(BATCH));
        return Stream.iterate(first, batch -> !batch.isEmpty(),
                batch -> batch.size() < BATCH ? List.of()
                        : repository.newestFirst(account.id(), lastId(batch), Limit.of(BATCH)))
                .flatMap(List::stream);
    }

    /**
     * One page, newest first, and whether older items (that pass the filter) remain. The part of the filter that the
     * database can decide exactly is its query's condition (see {@link IngressFilter#databaseCondition()}); when that
     * is the whole filter, one query gives the page. Otherwise the rows the database keeps are read a batch at a time
     * and judged by CEL, without a transaction around the loop: each batch's query gives its connection back before
     * the batch is evaluated, and only the matches are kept, so neither the pool nor the heap depends on the account's
     * size. The filter's time budget bounds both the queries and the evaluation: past it, the list is refused.
     */
    @Transactional(transactionManager = Transactions.MANAGER, propagation = Propagation.NOT_SUPPORTED)
    IngressPage list(Account account, PageParameters page) {
        int wanted = page.limit() + 1;
        if (page.filter() == null) {
            List<AgentIngress> rows = repository.newestFirst(account.id(), page.beforeId(), Limit.of(wanted));
            return IngressPage.of(rows, page.limit());
        }
        IngressFilter filter = compile(page.filter(), account);
        long deadline = System.nanoTime() + filterTimeBudget.toNanos();
        DatabaseCondition condition = filter.databaseCondition().orElse(null);
        if (condition != null && filter.isDecidedByDatabase()) {
            return IngressPage.of(matching(account, page.beforeId(), condition, wanted, deadline), page.limit());
        }
        List<AgentIngress> matches = new ArrayList<>(wanted);
        String beforeId = page.beforeId();
        while (matches.size() < wanted) {
            List<AgentIngress> rows = condition == null
                    ? repository.newestFirst(account.id(), beforeId, Limit.of(BATCH))
                    : matching(account, beforeId, condition, BATCH, deadline);
            for (int i = 0; i < rows.size() && matches.size() < wanted; i++) {
                if (System.nanoTime() - deadline > 0) {
                    throw NgrokErrors.filterTooSlow(filterTimeBudget);
                }
                if (filter.matches(filterable(rows.get(i)))) {
                    matches.add(rows.get(i));
                }
            }
            if (rows.size() < BATCH) {
                break;
            }
            beforeId = lastId(rows);
        }
        return IngressPage.of(matches, page.limit());
    }

    /** The rows that meet {@code condition}, read within what is left of the filter's time budget. */
    private List<AgentIngress> matching(Account account, @Nullable String beforeId, DatabaseCondition condition,
            int limit, long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw NgrokErrors.filterTooSlow(filterTimeBudget);
        }
        List<AgentIngress> rows;
        try {
            rows = repository.newestFirstWhere(account.id(), beforeId, condition, limit, Duration.ofNanos(left));
        } catch (QueryTimeoutException e) {
            throw NgrokErrors.filterTooSlow(filterTimeBudget);
        }
        if (System.nanoTime() - deadline > 0) {
            throw NgrokErrors.filterTooSlow(filterTimeBudget);
        }
        return rows;
    }

    private static String lastId(List<AgentIngress> rows) {
        return rows.get(rows.size() - 1).getId();
    }

    record IngressPage(List<AgentIngress> items, boolean hasMore) {

        /** The first {@code limit} of {@code rows}, read with one more to tell whether older ones remain. */
        static IngressPage of(List<AgentIngress> rows, int limit) {
            boolean hasMore = rows.size() > limit;
            return new IngressPage(hasMore ? rows.subList(0, limit) : rows, hasMore);
        }
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

    /**
     * The account's next ID at {@code at} (or after its newest ID, if that is later). The newest ID is the one kept in
     * memory mode, if any ({@link KeptIngresses}), else the database's.
     */
    String nextId(Account account, Instant at) {
        long ticket = kept.newestIdTicket();
        String newest = kept.newestId(account.id());
        if (newest == null) {
            newest = repository.newestId(account.id()).orElse(null);
        }
        String previous = newest == null ? Ksuid.MIN : ResourceIds.ksuidOf(newest);
        String id = AgentIngress.ID_PREFIX + "_" + ksuids.nextAfter(previous, at);
        kept.created(ticket, account.id(), id);
        return id;
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
