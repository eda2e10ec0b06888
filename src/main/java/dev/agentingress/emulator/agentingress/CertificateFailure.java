package dev.agentingress.emulator.agentingress;

import org.jspecify.annotations.Nullable;

import dev.agentingress.emulator.api.error.NgrokErrors;

/**
 * How the certificate control makes provisioning fail: ngrok's two job error codes, {@code DNS_ERROR} (the user must
 * fix the delegation) and {@code INTERNAL_ERROR} (temporary), with a message (a default one per code when none) of at
 * most 255 characters, what the job's column holds.
 */
record CertificateFailure(@Nullable String errorCode, @Nullable String msg) {

    static final String DNS_ERROR = "DNS_ERROR";
    static final String INTERNAL_ERROR = "INTERNAL_ERROR";

    @Override
    public String errorCode() {
        if (errorCode == null) {
            return DNS_ERROR;
        }
        if (!errorCode.equals(DNS_ERROR) && !errorCode.equals(INTERNAL_ERROR)) {
            throw NgrokErrors.invalidField("error_code");
        }
        return errorCode;
    }

    String message(String domain) {
        if (msg != null && !msg.isBlank()) {
            return AgentIngressRules.columnText("msg", msg, AgentIngressRules.MAX_JOB_MSG_CHARACTERS);
        }
        return errorCode().equals(DNS_ERROR)
                ? "The NS records of " + domain + " do not delegate it to ngrok's name servers. Add them and wait."
                : "Certificate provisioning failed with an internal error. It will be retried.";
    }
}
