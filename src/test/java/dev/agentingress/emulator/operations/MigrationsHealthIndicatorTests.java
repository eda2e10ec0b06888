package dev.agentingress.emulator.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class MigrationsHealthIndicatorTests {

    private final Flyway flyway = Flyway.configure()
            .dataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "")
            .locations("classpath:db/migration", "classpath:db/vendor/h2")
            .load();

    private final MigrationsHealthIndicator indicator = new MigrationsHealthIndicator(flyway);

    @Test
    void isDownBeforeTheMigrationsHaveRun() {
        Health health = indicator.health(true);
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("applied", 0);
        assertThat((Integer) health.getDetails().get("pending")).isPositive();
    }

    @Test
    void isUpOnceEveryMigrationIsApplied() {
        flyway.migrate();
        Health health = indicator.health(true);
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("pending", 0).containsEntry("failed", 0L);
    }
}
