package dev.agentingress.emulator.agentingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Limit;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.agentingress.emulator.support.Unique;

/**
 * The repository on the Flyway schema of whichever database the run is configured with (H2 by default, PostgreSQL
 * in the PostgreSQL run): KSUID order, domain uniqueness, and an index that serves the list query.
 */
@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class AgentIngressRepositoryTests {

    @Autowired
    private AgentIngressRepository repository;

    @Autowired
    private EntityManager entityManager;

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void newestFirstIsByteOrderOfIdsWhateverTheDatabaseCollation() {
        String account = Unique.account().id();
        // bytewise: '0' < 'B' < 'Z' < 'a' < 'b'; a linguistic collation would put 'a' before 'B'
        List<String> ids = List.of(id("0"), id("B"), id("Z"), id("a"), id("b"));
        ids.forEach(id -> repository.save(ingress(id, account)));
        entityManager.flush();

        assertThat(repository.newestFirst(account, Limit.of(10)))
                .extracting(AgentIngress::getId).containsExactly(id("b"), id("a"), id("Z"), id("B"), id("0"));
        assertThat(repository.newestFirstBefore(account, id("a"), Limit.of(10)))
                .extracting(AgentIngress::getId).containsExactly(id("Z"), id("B"), id("0"));
    }

    @Test
    void aDomainIsStoredOnceAcrossAccounts() {
        String domain = Unique.domain();
        repository.saveAndFlush(new AgentIngress(id(Unique.suffix(4)), "one", domain,
                Instant.now()));
        AgentIngress second = new AgentIngress(id(Unique.suffix(4)), "two", domain,
                Instant.now());
        assertThatThrownBy(() -> repository.saveAndFlush(second)).isInstanceOf(DataIntegrityViolationException.class);
    }

    /** Inserts go in JDBC batches (an import's flush): a taken domain in one is still told from other failures. */
    @Test
    void aTakenDomainInABatchOfInsertsIsRecognisedAsTaken() {
        String domain = Unique.domain();
        repository.saveAndFlush(new AgentIngress(id(Unique.suffix(4)), "one", domain, Instant.now()));
        for (int i = 0; i < 5; i++) {
            repository.save(new AgentIngress(id(Unique.suffix(4)), "two", i == 2 ? domain : Unique.domain(),
                    Instant.now()));
        }

        assertThatThrownBy(() -> repository.flush()).isInstanceOfSatisfying(DataIntegrityViolationException.class,
                failure -> assertThat(DomainNames.isTaken(failure)).isTrue());
    }

    @Test
    void theListQueryIsServedByTheAccountIndexWithoutASort() {
        String account = Unique.account().id();
        for (int i = 0; i < 2000; i++) {
            repository.save(ingress(id(String.format("%04d", i)), "other-" + (i % 50)));
        }
        repository.save(ingress(id("zzzz"), account));
        entityManager.flush();
        if (isPostgres()) {
            jdbc.execute("ANALYZE agent_ingresses");
        }

        // the order the repository's newest-first queries use
        String plan = String.join("\n", jdbc.queryForList("EXPLAIN SELECT * FROM agent_ingresses WHERE account = '"
                + account + "' AND id < 'agin_z' ORDER BY account DESC, id DESC LIMIT 101", String.class))
                .toLowerCase();

        assertThat(plan).contains("agent_ingresses_account_id_idx").doesNotContain("seq scan").doesNotContain("sort ");
        if (!isPostgres()) {
            // H2 says so when the index gives the order; without it, it would sort all of the account's rows
            assertThat(plan).contains("index sorted");
        }
    }

    private boolean isPostgres() {
        return Boolean.TRUE.equals(jdbc.execute(
                (java.sql.Connection connection) -> connection.getMetaData().getDatabaseProductName()
                        .contains("PostgreSQL")));
    }

    /** A well-formed ID whose last characters are {@code suffix}. */
    private static String id(String suffix) {
        String base = "2fmnypjq2RAXIuNjjqzRmI3T7zy";
        return "agin_" + base.substring(0, 27 - suffix.length()) + suffix;
    }

    private static AgentIngress ingress(String id, String account) {
        return new AgentIngress(id, account, Unique.domain(), Instant.now());
    }
}
