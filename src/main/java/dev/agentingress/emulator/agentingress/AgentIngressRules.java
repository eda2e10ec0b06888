package dev.agentingress.emulator.agentingress;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.lang.Contract;

import dev.agentingress.emulator.api.error.NgrokErrors;
import dev.agentingress.emulator.ids.ResourceIds;

/**
 * ngrok's rules for an ingress's fields (besides its domain, see {@link DomainNames}), shared by create, update and
 * import.
 */
final class AgentIngressRules {

    static final int MAX_DESCRIPTION_BYTES = 255;
    static final int MAX_METADATA_BYTES = 4096;
    /** The certificate job's columns (V1__create_agent_ingresses.sql). */
    static final int MAX_JOB_MSG_CHARACTERS = 255;
    static final int MAX_JOB_ERROR_CODE_CHARACTERS = 32;
    private static final String DEFAULT_AUTHORITY = "letsencrypt";
    private static final List<String> PRIVATE_KEY_TYPES = List.of("rsa", "ecdsa");

    private AgentIngressRules() {
    }

    /** The fields of a new ingress (create or import), checked in ngrok's order; the domain is normalised. */
    static NewIngress checkNew(@Nullable String domain, @Nullable String description, @Nullable String metadata,
            @Nullable AgentIngressCertPolicy policy) {
        String normalised = DomainNames.normalise(domain == null ? "" : domain);
        DomainNames.check(normalised);
        return new NewIngress(normalised, description(description), metadata(metadata),
                policy == null ? null : policyWithDefaults(policy));
    }

    record NewIngress(String domain, String description, String metadata, @Nullable CertificatePolicy policy) {

        AgentIngress toEntity(String id, String account) {
            AgentIngress ingress = new AgentIngress(id, account, domain, ResourceIds.timestampOf(id));
            ingress.setDescription(description);
            ingress.setMetadata(metadata);
            return ingress;
        }
    }

    static String description(@Nullable String description) {
        storable("description", description);
        int bytes = utf8Length(description);
        if (bytes > MAX_DESCRIPTION_BYTES) {
            throw NgrokErrors.bad(HttpStatus.BAD_REQUEST, 6700, "The description is limited to " + MAX_DESCRIPTION_BYTES
                    + " characters, but the provided value had " + bytes + " characters.");
        }
        return description == null ? "" : description;
    }

    static String metadata(@Nullable String metadata) {
        storable("metadata", metadata);
        int bytes = utf8Length(metadata);
        if (bytes > MAX_METADATA_BYTES) {
            throw NgrokErrors.bad(HttpStatus.BAD_REQUEST, 6701, "Metadata is limited to " + MAX_METADATA_BYTES
                    + " characters, but the provided value had " + bytes + " characters.");
        }
        return metadata == null ? "" : metadata;
    }

    /**
     * A text for a column of at most {@code maxCharacters} (characters, as VARCHAR counts them in H2 and PostgreSQL),
     * checked before it reaches the database, whose refusal would otherwise look like any other failed insert.
     */
    static String columnText(String field, String value, int maxCharacters) {
        storable(field, value);
        if (value.length() > maxCharacters) {
            throw NgrokErrors.fieldTooLong(field, maxCharacters, value.length());
        }
        return value;
    }

    /** PostgreSQL cannot store a NUL character in text; the emulator refuses it in every mode alike. */
    private static void storable(String field, @Nullable String value) {
        if (value != null && value.indexOf('\0') >= 0) {
            throw NgrokErrors.invalidField(field);
        }
    }

    private static int utf8Length(@Nullable String value) {
        return value == null ? 0 : value.getBytes(StandardCharsets.UTF_8).length;
    }

    /** ngrok's defaults for a policy object: an empty string counts as missing. */
    static CertificatePolicy policyWithDefaults(AgentIngressCertPolicy requested) {
        String authority = isEmpty(requested.authority()) ? DEFAULT_AUTHORITY : requested.authority();
        if (!authority.equals(DEFAULT_AUTHORITY)) {
            throw NgrokErrors.invalidCertificateAuthority();
        }
        String keyType = isEmpty(requested.privateKeyType()) ? PRIVATE_KEY_TYPES.get(0) : requested.privateKeyType();
        if (!PRIVATE_KEY_TYPES.contains(keyType)) {
            throw NgrokErrors.invalidField("certificate_management_policy.private_key_type");
        }
        return new CertificatePolicy(authority, keyType);
    }

    @Contract("null -> true")
    private static boolean isEmpty(@Nullable String value) {
        return value == null || value.isEmpty();
    }
}
