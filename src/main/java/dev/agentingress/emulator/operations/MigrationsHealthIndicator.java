package dev.agentingress.emulator.operations;

import java.util.Arrays;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfoService;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * Up only when the database has every migration this build ships. Part of readiness: an instance started against a
 * database that a newer instance has not finished migrating (or that a failed migration left behind) takes no traffic.
 */
@Component("migrations")
class MigrationsHealthIndicator extends AbstractHealthIndicator {

    private final Flyway flyway;

    MigrationsHealthIndicator(Flyway flyway) {
        super("Database migrations could not be read");
        this.flyway = flyway;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        MigrationInfoService migrations = flyway.info();
        int pending = migrations.pending().length;
        long failed = Arrays.stream(migrations.all()).filter(info -> info.getState().isFailed()).count();
        builder.status(pending == 0 && failed == 0 ? Status.UP : Status.DOWN)
                .withDetail("applied", migrations.applied().length)
                .withDetail("pending", pending)
                .withDetail("failed", failed);
    }
}
