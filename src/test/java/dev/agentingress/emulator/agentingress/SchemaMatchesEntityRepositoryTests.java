package dev.agentingress.emulator.agentingress;

import static org.assertj.core.api.Assertions.assertThatCode;

import jakarta.persistence.EntityManagerFactory;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;

/**
 * The server starts without Hibernate's schema validation (it would read the database's metadata on every start):
 * this test does that check once per build instead, on the Flyway schema of the run's database (H2, and PostgreSQL
 * in the PostgreSQL run).
 */
@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class SchemaMatchesEntityRepositoryTests {

    @Autowired
    private EntityManagerFactory entityManagerFactory;

    @Test
    void theMigratedSchemaHasEveryTableAndColumnTheEntityMaps() {
        assertThatCode(() -> entityManagerFactory.getSchemaManager().validate()).doesNotThrowAnyException();
    }
}
