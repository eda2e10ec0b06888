package dev.agentingress.emulator.agentingress;

import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;

import jakarta.persistence.EntityManager;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.agentingress.emulator.api.Account;
import dev.agentingress.emulator.api.error.NgrokErrors;
import dev.agentingress.emulator.api.error.NgrokException;
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
    private final EntityManager entityManager;

    AgentIngressImporter(AgentIngressRepository repository, AgentIngressService service, EntityManager entityManager) {
        this.repository = repository;
        this.service = service;
        this.entityManager = entityManager;
    }

    /**
     * One transaction, so all or nothing, whatever the size: the persistence context is cleared every {@link #BATCH}
     * items, and the items are read back one at a time from where the body's parse spooled them, so the heap holds a
     * batch, never the import. Closes the items.
     */
    @Transactional
    AgentIngressImport.Result importAll(Account account, AgentIngressImport request) {
        ImportedItems items = request.ingresses();
        if (items == null) {
            throw NgrokErrors.invalidField("ingresses");
        }
        try (items) {
            return importAll(account, items);
        }
    }

    private AgentIngressImport.Result importAll(Account account, ImportedItems items) {
        int imported = 0;
        int count = items.size();
        // lists are newest first; IDs to be made must grow from the oldest on
        Iterator<AgentIngressImport.@Nullable Item> oldestFirst = items.lastToFirst();
        try {
            for (int i = 0; oldestFirst.hasNext(); i++) {
                AgentIngressImport.Item item = oldestFirst.next();
                try {
                    if (importOne(account, item)) {
                        imported++;
                    }
                } catch (NgrokException e) {
                    throw e.withDetail("item", "ingresses[" + (count - 1 - i) + "]");
                }
                if ((i + 1) % BATCH == 0) {
                    // the transaction keeps the rows; the persistence context need not keep an entity (and its
                    // pending insert) per item, which for a large import would be the whole account
                    repository.flush();
                    entityManager.clear();
                }
            }
            repository.flush();
        } catch (DataIntegrityViolationException e) {
            if (!DomainNames.isTaken(e)) {
                throw e;
            }
            // a concurrent create took one of the domains between our check and our insert
            throw DomainNames.taken("(one of the imported domains)");
        }
        return new AgentIngressImport.Result(imported, count - imported);
    }

    /** Stores one item; false when its ID is already this account's. */
    private boolean importOne(Account account, AgentIngressImport.@Nullable Item item) {
        if (item == null) {
            // a null in the list: nothing to check a create against
            throw NgrokErrors.invalidField("ingresses");
        }
        AgentIngressRules.NewIngress checked = AgentIngressRules.checkNew(item.domain(), item.description(),
                item.metadata(), item.certificateManagementPolicy());
        Instant createdAt = item.createdAt() == null ? null : createdAt(item.createdAt());
        String id = item.id() == null ? service.nextId(account, createdAt == null ? service.now(account) : createdAt)
                : checkedId(item.id(), createdAt);
        Optional<AgentIngress> existing = repository.findById(id);
        if (existing.isPresent()) {
            if (existing.get().account().equals(account.id())) {
                return false;
            }
            throw NgrokErrors.plainStatus(HttpStatus.CONFLICT.value(),
                    "The ID '" + id + "' belongs to another account.");
        }
        if (repository.existsByDomain(checked.domain())) {
            throw DomainNames.taken(checked.domain());
        }
        service.requireRoomForOneMore();
        AgentIngress ingress = checked.toEntity(id, account.id());
        ingress.applyCertificatePolicy(checked.policy(), service.now(account));
        if (checked.policy() != null && item.certificateManagementStatus() != null) {
            ingress.restoreCertificateStatus(status(item.certificateManagementStatus()));
        }
        repository.save(ingress);
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
