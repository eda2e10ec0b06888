package dev.agentingress.emulator.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The barrier between instances on one database (here an in-memory H2 with the emulator's migrations, each barrier
 * as one instance): a change waits until every live instance has dropped its caches, and for no instance gone.
 */
class InstanceBarrierTests {

    private final HikariDataSource database = database();
    private final JdbcTemplate jdbc = new JdbcTemplate(database);

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void aChangeReturnsOnlyOnceTheOtherInstanceHasDroppedItsCaches() {
        AtomicInteger dropsOfOther = new AtomicInteger();
        try (InstanceBarrier changing = new InstanceBarrier(jdbc);
                InstanceBarrier other = new InstanceBarrier(jdbc)) {
            changing.start(() -> {
            });
            other.start(dropsOfOther::incrementAndGet);

            for (int change = 1; change <= 3; change++) {
                assertThat(changing.await()).isTrue();
                assertThat(dropsOfOther.get()).isEqualTo(change);
            }
        }
    }

    @Test
    void aChangeWaitsForNoInstanceThatStopped() {
        try (InstanceBarrier changing = new InstanceBarrier(jdbc)) {
            changing.start(() -> {
            });
            InstanceBarrier stopped = new InstanceBarrier(jdbc);
            stopped.start(() -> {
            });
            stopped.close();
            // and one killed an hour ago, which never removed its row
            jdbc.update("INSERT INTO emulator_instances (instance, acked, seen_at) VALUES ('killed', -1,"
                    + " CURRENT_TIMESTAMP - INTERVAL '1' MINUTE)");

            long started = System.nanoTime();
            assertThat(changing.await()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(InstanceBarrier.MAX_WAIT);
        }
    }

    /** A live instance that cannot acknowledge holds a change up to the longest wait, and no longer. */
    @Test
    void aLiveInstanceThatDoesNotAcknowledgeHoldsAChangeOnlyUpToTheLongestWait() {
        Duration maxWait = Duration.ofMillis(500);
        try (InstanceBarrier changing = new InstanceBarrier(jdbc, maxWait)) {
            changing.start(() -> {
            });
            jdbc.update("INSERT INTO emulator_instances (instance, acked, seen_at) VALUES ('stalled', -1,"
                    + " CURRENT_TIMESTAMP)");

            long started = System.nanoTime();
            assertThat(changing.await()).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(maxWait);
        }
    }

    /**
     * A change committed whose barrier could not be raised (the database failed between the two) still reaches the
     * other instances: the changing one raises it as soon as it can.
     */
    @Test
    void aBarrierThatCouldNotBeRaisedIsRaisedByTheWatcher() throws Exception {
        AtomicBoolean raiseFails = new AtomicBoolean(true);
        JdbcTemplate failingOnce = new JdbcTemplate(database) {
            @Override
            public int update(String sql) {
                if (sql.startsWith("UPDATE emulator_barrier") && raiseFails.getAndSet(false)) {
                    throw new DataAccessResourceFailureException("the connection broke");
                }
                return super.update(sql);
            }
        };
        AtomicInteger dropsOfOther = new AtomicInteger();
        try (InstanceBarrier changing = new InstanceBarrier(failingOnce);
                InstanceBarrier other = new InstanceBarrier(jdbc)) {
            changing.start(() -> {
            });
            other.start(dropsOfOther::incrementAndGet);

            assertThat(changing.await()).isFalse();
            assertThat(raiseFails.get()).isFalse();

            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (dropsOfOther.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(dropsOfOther.get()).isEqualTo(1);
            assertThat(jdbc.queryForObject("SELECT raised FROM emulator_barrier WHERE id = 1", Long.class))
                    .isEqualTo(1);
        }
    }

    /** Cut off from the database, an instance stops answering from its caches before a change stops waiting. */
    @Test
    void anInstanceThatCannotReadTheBarrierStopsTrustingItsCaches() throws Exception {
        Duration maxWait = Duration.ofMillis(1000);
        try (InstanceBarrier cut = new InstanceBarrier(jdbc, maxWait)) {
            cut.start(() -> {
            });
            Thread.sleep(300);
            assertThat(cut.cachesTrusted()).isTrue();

            database.close();
            Thread.sleep(maxWait.toMillis());

            assertThat(cut.cachesTrusted()).isFalse();
        }
    }

    /** With the database unreachable (a connection never comes), stopping the instance does not wait for it. */
    @Test
    void anInstanceStopsPromptlyWhenItsDatabaseDoesNotAnswer() throws Exception {
        AtomicBoolean hanging = new AtomicBoolean();
        DataSource hangs = new DelegatingDataSource(database) {
            @Override
            public Connection getConnection() throws SQLException {
                if (hanging.get()) {
                    try {
                        Thread.sleep(30_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return super.getConnection();
            }
        };
        InstanceBarrier barrier = new InstanceBarrier(new JdbcTemplate(hangs));
        barrier.start(() -> {
        });
        hanging.set(true);
        Thread.sleep(300);

        long started = System.nanoTime();
        barrier.close();

        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .isLessThan(InstanceBarrier.SHUTDOWN_WAIT.multipliedBy(2).plusSeconds(1));
        assertThat(barrier.cachesTrusted()).isFalse();
    }

    private static HikariDataSource database() {
        HikariDataSource database = new HikariDataSource();
        database.setJdbcUrl("jdbc:h2:mem:barrier-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
        return database;
    }
}
