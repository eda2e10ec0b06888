package dev.agentingress.emulator.agentingress;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Persistable;

import dev.agentingress.emulator.config.EmulatorProperties;

/** An agent ingress as stored: one account's claim on a domain, with its certificate management policy and status. */
@Entity
@Table(name = "agent_ingresses")
class AgentIngress implements Persistable<String> {

    static final String ID_PREFIX = "agin";

    @Id
    private String id;
    private String account;
    private String domain;
    private String description;
    private String metadata;
    private Instant createdAt;

    @Column(name = "cert_policy_authority")
    private @Nullable String certificateAuthority;
    @Column(name = "cert_policy_key_type")
    private @Nullable String privateKeyType;
    @Column(name = "cert_status_renews_at")
    private @Nullable Instant certificateRenewsAt;
    @Column(name = "cert_job_error_code")
    private @Nullable String provisioningErrorCode;
    @Column(name = "cert_job_msg")
    private @Nullable String provisioningMessage;
    @Column(name = "cert_job_started_at")
    private @Nullable Instant provisioningStartedAt;
    @Column(name = "cert_job_retries_at")
    private @Nullable Instant provisioningRetriesAt;

    // IDs are assigned, not generated: without this flag Spring Data would SELECT before every INSERT
    @Transient
    private boolean isNew = true;

    @SuppressWarnings("NullAway.Init")
    protected AgentIngress() {
    }

    AgentIngress(String id, String account, String domain, Instant createdAt) {
        this.id = id;
        this.account = account;
        this.domain = domain;
        this.createdAt = createdAt;
        this.description = "";
        this.metadata = "";
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public boolean isNew() {
        return isNew;
    }

    @PostLoad
    @PostPersist
    void markStored() {
        isNew = false;
    }

    /** The strings this entity holds (null where it has none), for an estimate of what keeping it takes of the heap. */
    List<@Nullable String> strings() {
        return Arrays.asList(id, account, domain, description, metadata, certificateAuthority, privateKeyType,
                provisioningErrorCode, provisioningMessage);
    }

    String account() {
        return account;
    }

    String domain() {
        return domain;
    }

    String description() {
        return description;
    }

    void setDescription(String description) {
        this.description = description;
    }

    String metadata() {
        return metadata;
    }

    void setMetadata(String metadata) {
        this.metadata = metadata;
    }

    Instant createdAt() {
        return createdAt;
    }

    @Nullable
    CertificatePolicy certificatePolicy() {
        return certificateAuthority == null || privateKeyType == null ? null
                : new CertificatePolicy(certificateAuthority, privateKeyType);
    }

    /**
     * Sets or (with null) removes the certificate management policy. A new or changed policy starts a provisioning
     * job at {@code now}, as ngrok does when a domain's certificate must be requested; an unchanged one keeps its
     * status.
     */
    void applyCertificatePolicy(@Nullable CertificatePolicy policy, Instant now) {
        if (policy != null && policy.equals(certificatePolicy())) {
            return;
        }
        certificateAuthority = policy == null ? null : policy.authority();
        privateKeyType = policy == null ? null : policy.privateKeyType();
        certificateRenewsAt = null;
        clearProvisioningJob();
        if (policy != null) {
            provisioningMessage = CertificateStatus.PROVISIONING_IN_PROGRESS;
            provisioningStartedAt = now;
        }
    }

    /**
     * Where certificate management stands at {@code now}; null exactly when management is off. A job still in progress
     * once {@code provisioningTime} has passed reads as issued: the state follows from the stored start and the
     * account's clock, so no background work is needed and a frozen or advanced clock moves it.
     */
    @Nullable
    CertificateStatus certificateStatus(Instant now, EmulatorProperties.Certificates lifecycle) {
        if (certificatePolicy() == null) {
            return null;
        }
        if (provisioningMessage == null || provisioningStartedAt == null) {
            return new CertificateStatus(certificateRenewsAt, null);
        }
        Instant issuedAt = provisioningStartedAt.plus(lifecycle.provisioningTime());
        if (provisioningErrorCode == null && !now.isBefore(issuedAt)) {
            return new CertificateStatus(issuedAt.plus(lifecycle.renewAfter()), null);
        }
        return new CertificateStatus(certificateRenewsAt, new CertificateStatus.Job(provisioningErrorCode,
                provisioningMessage, provisioningStartedAt, provisioningRetriesAt));
    }

    /** The certificate is issued now, whatever the job was doing. */
    void issueCertificate(Instant now, EmulatorProperties.Certificates lifecycle) {
        certificateRenewsAt = now.plus(lifecycle.renewAfter());
        clearProvisioningJob();
    }

    /** Provisioning failed with {@code errorCode} ({@code DNS_ERROR} or {@code INTERNAL_ERROR}) and will be retried. */
    void failProvisioning(String errorCode, String message, Instant now, EmulatorProperties.Certificates lifecycle) {
        certificateRenewsAt = null;
        provisioningErrorCode = errorCode;
        provisioningMessage = message;
        provisioningStartedAt = provisioningStartedAt == null ? now : provisioningStartedAt;
        provisioningRetriesAt = now.plus(lifecycle.retryAfter());
    }

    /** Restores a status exactly as exported (import keeps what it is given). */
    void restoreCertificateStatus(@Nullable CertificateStatus status) {
        clearProvisioningJob();
        certificateRenewsAt = status == null ? null : status.renewsAt();
        CertificateStatus.Job job = status == null ? null : status.provisioningJob();
        if (job != null) {
            provisioningErrorCode = job.errorCode();
            provisioningMessage = job.msg();
            provisioningStartedAt = job.startedAt();
            provisioningRetriesAt = job.retriesAt();
        }
    }

    private void clearProvisioningJob() {
        provisioningErrorCode = null;
        provisioningMessage = null;
        provisioningStartedAt = null;
        provisioningRetriesAt = null;
    }
}
