package dev.agentingress.emulator.agentingress;

import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

/**
 * How the certificate control makes provisioning fail: ngrok's two job error codes, {@code DNS_ERROR} (the user must
 * fix the delegation, the default) and {@code INTERNAL_ERROR} (temporary), with a message (a default one per code when
 * none) of at most 255 characters, what the job's column holds.
 */
record CertificateFailure(
        @Nullable JobErrorCode errorCode,
        @Size(max = AgentIngressRules.MAX_JOB_MSG_CHARACTERS,
                message = "at most {max} characters") @Nullable String msg) {

    static final CertificateFailure DEFAULT = new CertificateFailure(null, null);

    /** The codes ngrok gives a failed provisioning job. */
    enum JobErrorCode {
        DNS_ERROR, INTERNAL_ERROR
    }

    JobErrorCode code() {
        return errorCode == null ? JobErrorCode.DNS_ERROR : errorCode;
    }

    String message(String domain) {
        if (msg != null && !msg.isBlank()) {
            return AgentIngressRules.columnText("msg", msg, AgentIngressRules.MAX_JOB_MSG_CHARACTERS);
        }
        return code() == JobErrorCode.DNS_ERROR
                ? "The NS records of " + domain + " do not delegate it to ngrok's name servers. Add them and wait."
                : "Certificate provisioning failed with an internal error. It will be retried.";
    }
}
