package dev.agentingress.emulator.agentingress;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** Where automatic certificate management stands for one ingress. */
record CertificateStatus(@Nullable Instant renewsAt, @Nullable Job provisioningJob) {

    static final String PROVISIONING_IN_PROGRESS = "Managed certificate provisioning in progress.";

    record Job(@Nullable String errorCode, String msg, Instant startedAt, @Nullable Instant retriesAt) {
    }
}
