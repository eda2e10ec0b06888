package dev.agentingress.emulator.agentingress;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.agentingress.emulator.api.Account;
import dev.agentingress.emulator.api.NgrokErrors;
import dev.agentingress.emulator.api.NgrokException;
import dev.agentingress.emulator.api.ResourceIds;

/**
 * Imports ingresses in the list JSON, all or nothing, validated like creates. An ID already in the account is
 * skipped, so importing the same file twice (a seed at every start) changes nothing. Errors name the item.
 */
@Service
class AgentIngressImporter {

    private final AgentIngressRepository repository;
    private final AgentIngressService service;

    AgentIngressImporter(AgentIngressRepository repository, AgentIngressService service) {
        this.repository = repository;
        this.service = service;
    }

    @Transactional
    AgentIngressImport.Result importAll(Account account, AgentIngressImport request) {
        if (request.ingresses() == null) {
            throw NgrokErrors.invalidField("ingresses");
        }
        List<AgentIngressImport.Item> items = new ArrayList<>(request.ingresses());
        // lists are newest first; IDs to be made must grow from the oldest on
        Collections.reverse(items);
        int imported = 0;
        try {
            for (int i = 0; i < items.size(); i++) {
                try {
                    if (importOne(account, items.get(i))) {
                        imported++;
                    }
                } catch (NgrokException e) {
                    throw e.withDetail("item", "ingresses[" + (items.size() - 1 - i) + "]");
                }
            }
            repository.flush();
        } catch (DataIntegrityViolationException e) {
            // a concurrent create took one of the domains between our check and our insert
            throw DomainNames.taken("(one of the imported domains)");
        }
        return new AgentIngressImport.Result(imported, items.size() - imported);
    }

    /** Stores one item; false when its ID is already this account's. */
    private boolean importOne(Account account, AgentIngressImport.Item item) {
        AgentIngressRules.NewIngress checked = AgentIngressRules.checkNew(item.domain(), item.description(),
                item.metadata(), item.certificateManagementPolicy());
        Instant createdAt = item.createdAt() == null ? null : timestamp(item.createdAt(), "created_at");
        String id = item.id() == null ? service.nextId(account, createdAt == null ? service.now(account) : createdAt)
                : checkedId(item.id(), createdAt);
        Optional<AgentIngress> existing = repository.findById(id);
        if (existing.isPresent()) {
            if (existing.get().account().equals(account.id())) {
                return false;
            }
            throw NgrokErrors.plainStatus(HttpStatus.CONFLICT.value(), "The ID '" + id + "' belongs to another account.");
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
            restored = new CertificateStatus.Job(job.errorCode(), job.msg(),
                    timestamp(job.startedAt(), "certificate_management_status.provisioning_job.started_at"),
                    optionalTimestamp(job.retriesAt(), "certificate_management_status.provisioning_job.retries_at"));
        }
        return new CertificateStatus(optionalTimestamp(given.renewsAt(), "certificate_management_status.renews_at"),
                restored);
    }

    private static @Nullable Instant optionalTimestamp(@Nullable String value, String field) {
        return value == null ? null : timestamp(value, field);
    }

    private static Instant timestamp(String value, String field) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw NgrokErrors.invalidField(field);
        }
    }
}
