package dev.agentingress.emulator.agentingress.filter;

import java.time.Instant;
import java.util.Objects;

/**
 * The fields of an ingress that a filter can read, as {@code obj.id}, {@code obj.created_at},
 * {@code obj.description}, {@code obj.metadata} and {@code obj.domain}.
 *
 * @param description {@code ""} when absent, never null
 * @param metadata    {@code ""} when absent, never null
 */
public record FilterableIngress(String id, Instant createdAt, String description, String metadata, String domain) {

    public FilterableIngress {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(domain, "domain");
    }
}
