package dev.agentingress.emulator.agentingress;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.persistence.EntityManager;

import org.hibernate.Session;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.agentingress.emulator.api.Account;
import dev.agentingress.emulator.api.error.NgrokErrors;
import dev.agentingress.emulator.api.error.NgrokException;
import dev.agentingress.emulator.config.DatabaseKind;
import dev.agentingress.emulator.config.Transactions;
import dev.agentingress.emulator.ids.Ksuid;
import dev.agentingress.emulator.ids.ResourceIds;

/**
 * Imports ingresses in the list JSON, all or nothing, validated like creates. An ID already in the account is
 * skipped, so importing the same file twice (a seed at every start) changes nothing. Errors name the item. Every
 * value is checked against what its column holds before anything is written, so a database refusal is never the
 * answer (nor mistaken for a taken domain).
 */
@Service
class AgentIngressImporter {

    private static final Instant FIRST_STORABLE = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LAST_STORABLE = Instant.parse("9999-12-31T23:59:59.999999999Z");
    /** Items stored between two flushes of the persistence context. */
    private static final int BATCH = 200;

    private final AgentIngressRepository repository;
    private final AgentIngressService service;
    private final KeptIngresses kept;
    private final EntityManager entityManager;
    private final JdbcTemplate jdbc;
    private final boolean postgresql;

    AgentIngressImporter(AgentIngressRepository repository, AgentIngressService service, KeptIngresses kept,
            EntityManager entityManager, JdbcTemplate jdbc, @Value("${spring.datasource.url:}") String datasourceUrl) {
        this.repository = repository;
        this.service = service;
        this.kept = kept;
        this.entityManager = entityManager;
        this.jdbc = jdbc;
        this.postgresql = DatabaseKind.isPostgresql(datasourceUrl);
    }

    /**
     * One transaction, so all or nothing, whatever the size: the persistence context is cleared every {@link #BATCH}
     * items, and the items are read back one at a time from where the body's parse spooled them, so the heap holds a
     * batch, never the import. Closes the items.
     */
    @Transactional(transactionManager = Transactions.MANAGER)
    AgentIngressImport.Result importAll(Account account, AgentIngressImport request) {
        ImportedItems items = request.ingresses();
        if (items == null) {
            throw NgrokErrors.invalidField("ingresses");
        }
        if (postgresql) {
            // each batch's two lookups are planned again for the table as it is: a plan cached while the table was
            // small (the start of an import into an empty database) scans every row, and the table grows with each
            // batch of this same transaction, so an import of a million took hours
            jdbc.execute("SET LOCAL plan_cache_mode = force_custom_plan");
        }
        // each flush sends its inserts in JDBC batches, one round trip instead of one an item, which on PostgreSQL was
        // most of an import's time; only here: a single create batched would leave its failed insert (a taken domain)
        // in the batch, which Hibernate reports at every release
        entityManager.unwrap(Session.class).setJdbcBatchSize(BATCH);
        // the items may bring IDs of their own, newer than the account's newest
        kept.changingAccount(account.id());
        try (items) {
            return importAll(account, items);
        }
    }

    private AgentIngressImport.Result importAll(Account account, ImportedItems items) {
        int imported = 0;
        int count = items.size();
        // lists are newest first; IDs to be made must grow from the oldest on
        Iterator<AgentIngressImport.@Nullable Item> oldestFirst = items.lastToFirst();
        List<AgentIngressImport.@Nullable Item> batch = new ArrayList<>(BATCH);
        int done = 0;
        try {
            while (oldestFirst.hasNext()) {
                batch.clear();
                while (batch.size() < BATCH && oldestFirst.hasNext()) {
                    batch.add(oldestFirst.next());
                }
                Known known = known(batch);
                for (AgentIngressImport.@Nullable Item item : batch) {
                    try {
                        if (importOne(account, item, known)) {
                            imported++;
                        }
                    } catch (NgrokException e) {
                        throw e.withDetail("item", "ingresses[" + (count - 1 - done) + "]");
                    }
                    done++;
                }
                // the transaction keeps the rows; the persistence context need not keep an entity (and its pending
                // insert) per item, which for a large import would be the whole account
                repository.flush();
                entityManager.clear();
            }
        } catch (DataIntegrityViolationException e) {
            if (!DomainNames.isTaken(e)) {
                throw e;
            }
            // a concurrent create took one of the domains between our check and our insert
            throw DomainNames.taken("(one of the imported domains)");
        }
        return new AgentIngressImport.Result(imported, count - imported);
    }

    /**
     * What the database holds of a batch's given IDs and domains, asked in two queries for the batch rather than two
     * per item (the rows of earlier batches are flushed, so they are seen); the batch's own rows are added as they
     * are stored. An item that fails its checks is left out here: the item-by-item pass refuses it in its turn.
     */
    private Known known(List<AgentIngressImport.@Nullable Item> batch) {
        Set<String> ids = new HashSet<>();
        Set<String> domains = new HashSet<>();
        for (AgentIngressImport.@Nullable Item item : batch) {
            if (item == null) {
                continue;
            }
            if (item.id() != null) {
                ids.add(item.id());
            }
            try {
                domains.add(AgentIngressRules.checkNew(item.domain(), item.description(), item.metadata(),
                        item.certificateManagementPolicy()).domain());
            } catch (NgrokException e) {
                // refused in order by importOne
            }
        }
        Map<String, String> owners = new HashMap<>();
        repository.findAllById(ids).forEach(ingress -> owners.put(ingress.getId(), ingress.account()));
        return new Known(owners, new HashSet<>(domains.isEmpty() ? List.of() : repository.takenDomains(domains)));
    }

    /** The accounts of stored IDs and the taken domains, of one batch: see {@link #known}. */
    private record Known(Map<String, String> owners, Set<String> takenDomains) {

        void stored(AgentIngress ingress) {
            owners.put(ingress.getId(), ingress.account());
            takenDomains.add(ingress.domain());
        }
    }

    /** Stores one item; false when its ID is already this account's. */
    private boolean importOne(Account account, AgentIngressImport.@Nullable Item item, Known known) {
        if (item == null) {
            // a null in the list: nothing to check a create against
            throw NgrokErrors.invalidField("ingresses");
        }
        AgentIngressRules.NewIngress checked = AgentIngressRules.checkNew(item.domain(), item.description(),
                item.metadata(), item.certificateManagementPolicy());
        Instant createdAt = item.createdAt() == null ? null : createdAt(item.createdAt());
        String id;
        String owner;
        if (item.id() == null) {
            id = service.nextId(account, createdAt == null ? service.now(account) : createdAt);
            owner = repository.findById(id).map(AgentIngress::account).orElse(null);
        } else {
            id = checkedId(item.id(), createdAt);
            owner = known.owners().get(id);
        }
        if (owner != null) {
            if (owner.equals(account.id())) {
                return false;
            }
            throw NgrokErrors.plainStatus(HttpStatus.CONFLICT.value(),
                    "The ID '" + id + "' belongs to another account.");
        }
        if (known.takenDomains().contains(checked.domain())) {
            throw DomainNames.taken(checked.domain());
        }
        service.requireRoomForOneMore();
        AgentIngress ingress = checked.toEntity(id, account.id());
        ingress.applyCertificatePolicy(checked.policy(), service.now(account));
        if (checked.policy() != null && item.certificateManagementStatus() != null) {
            ingress.restoreCertificateStatus(status(item.certificateManagementStatus()));
        }
        repository.save(ingress);
        // an ID made for a later item must follow this one, whether made or given
        kept.created(KeptIngresses.NOT_KEPT, account.id(), id);
        known.stored(ingress);
        return true;
    }

    private static String checkedId(String id, @Nullable Instant createdAt) {
        if (!ResourceIds.isWellFormed(id, AgentIngress.ID_PREFIX)) {
            throw NgrokErrors.invalidReference(id);
        }
        if (createdAt != null && !createdAt.equals(ResourceIds.timestampOf(id))) {
            throw NgrokErrors.invalidField("created_at");
        }
        return id;
    }

    private static CertificateStatus status(AgentIngressResponse.CertStatus given) {
        AgentIngressResponse.CertJob job = given.provisioningJob();
        CertificateStatus.Job restored = null;
        if (job != null) {
            if (job.msg() == null || job.startedAt() == null) {
                throw NgrokErrors.invalidField("certificate_management_status.provisioning_job");
            }
            String prefix = "certificate_management_status.provisioning_job.";
            String errorCode = job.errorCode() == null ? null : AgentIngressRules.columnText(prefix + "error_code",
                    job.errorCode(), AgentIngressRules.MAX_JOB_ERROR_CODE_CHARACTERS);
            restored = new CertificateStatus.Job(errorCode,
                    AgentIngressRules.columnText(prefix + "msg", job.msg(), AgentIngressRules.MAX_JOB_MSG_CHARACTERS),
                    storable(job.startedAt(), "certificate_management_status.provisioning_job.started_at"),
                    optionalStorable(job.retriesAt(), "certificate_management_status.provisioning_job.retries_at"));
        }
        return new CertificateStatus(optionalStorable(given.renewsAt(), "certificate_management_status.renews_at"),
                restored);
    }

    private static @Nullable Instant optionalStorable(@Nullable Instant instant, String field) {
        return instant == null ? null : storable(instant, field);
    }

    /** A time RFC 3339 can write (years 0000 to 9999), which both databases can store. */
    private static Instant storable(Instant instant, String field) {
        if (instant.isBefore(FIRST_STORABLE) || instant.isAfter(LAST_STORABLE)) {
            throw NgrokErrors.invalidField(field);
        }
        return instant;
    }

    /** A creation time also goes into the ID, whose seconds hold a narrower range. */
    private static Instant createdAt(Instant given) {
        Instant instant = storable(given, "created_at");
        if (!Ksuid.holds(instant)) {
            throw NgrokErrors.plainStatus(400, "The created_at " + instant + " is outside the times an ID can hold, "
                    + "from " + Ksuid.MIN_TIME + " to " + Ksuid.MAX_TIME + ".");
        }
        return instant;
    }
}
