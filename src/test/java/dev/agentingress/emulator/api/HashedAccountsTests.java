package dev.agentingress.emulator.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The per-database secret, on databases of the test's own: made once, whoever starts first, and kept. */
class HashedAccountsTests {

    private static final int INSTANCES = 8;

    @Test
    void instancesStartingTogetherOnAnEmptyDatabaseAgreeOnOneSecret() throws Exception {
        DataSource database = migratedDatabase();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService starts = Executors.newFixedThreadPool(INSTANCES);
        try {
            List<Future<Account>> accounts = new ArrayList<>();
            for (int i = 0; i < INSTANCES; i++) {
                accounts.add(starts.submit(() -> {
                    go.await();
                    return hashedAccounts(database).of("the-same-key");
                }));
            }
            go.countDown();
            Account first = accounts.get(0).get(30, TimeUnit.SECONDS);
            for (Future<Account> account : accounts) {
                assertThat(account.get(30, TimeUnit.SECONDS)).isEqualTo(first);
            }
        } finally {
            starts.shutdownNow();
        }
        assertThat(new JdbcTemplate(database).queryForObject("SELECT COUNT(*) FROM emulator_secret", Integer.class))
                .isEqualTo(1);
    }

    @Test
    void twoDatabasesHashOneKeyToDifferentAccounts() {
        Account one = hashedAccounts(migratedDatabase()).of("the-same-key");
        Account other = hashedAccounts(migratedDatabase()).of("the-same-key");

        assertThat(one).isNotEqualTo(other);
    }

    /**
     * Keys are remembered with their account (a bounded map): a remembered key, one too long to be remembered, and a
     * key asked again after the map has started over all get what a fresh instance computes for them.
     */
    @Test
    void rememberedKeysGetTheAccountTheirHashGives() {
        DataSource database = migratedDatabase();
        HashedAccounts remembering = hashedAccounts(database);
        String longKey = "k".repeat(HashedAccounts.MAX_REMEMBERED_KEY_LENGTH + 1);
        Account first = remembering.of("first-key");
        Account longOne = remembering.of(longKey);
        for (int i = 0; i <= HashedAccounts.MAX_REMEMBERED_KEYS; i++) {
            remembering.of("key-" + i);
        }

        HashedAccounts fresh = hashedAccounts(database);
        assertThat(remembering.of("first-key")).isEqualTo(first).isEqualTo(fresh.of("first-key"));
        assertThat(remembering.of(longKey)).isEqualTo(longOne).isEqualTo(fresh.of(longKey));
        assertThat(remembering.of("key-7")).isEqualTo(fresh.of("key-7")).isNotEqualTo(first);
        assertThat(remembering.of("key-" + HashedAccounts.MAX_REMEMBERED_KEYS))
                .isEqualTo(fresh.of("key-" + HashedAccounts.MAX_REMEMBERED_KEYS));
    }

    private static HashedAccounts hashedAccounts(DataSource database) {
        return new HashedAccounts(new JdbcTemplate(database), new DataSourceTransactionManager(database));
    }

    private static DataSource migratedDatabase() {
        DataSource database = new DriverManagerDataSource(
                "jdbc:h2:mem:hashed-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(database).locations("classpath:db/migration", "classpath:db/vendor/h2").load()
                .migrate();
        return database;
    }
}
