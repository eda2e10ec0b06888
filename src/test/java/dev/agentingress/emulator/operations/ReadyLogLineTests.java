package dev.agentingress.emulator.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The ready line says where state lives, in words a user recognises, and never a credential of the database URL. */
class ReadyLogLineTests {

    @Test
    void inMemory() {
        assertThat(ReadyLogLine.state("jdbc:h2:mem:emulator;DB_CLOSE_DELAY=-1"))
                .isEqualTo("in memory (gone when the process ends)");
    }

    @Test
    void durableNamesTheFileAsAnAbsolutePath() {
        assertThat(ReadyLogLine.state("jdbc:h2:file:./data/emulator;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE"))
                .isEqualTo("durable, " + Path.of("data/emulator.mv.db").toAbsolutePath());
        assertThat(ReadyLogLine.state("jdbc:h2:file:/data/emulator;WRITE_DELAY=0"))
                .isEqualTo("durable, /data/emulator.mv.db");
    }

    @Test
    void postgresqlNamesHostAndDatabaseButNotTheCredentials() {
        assertThat(ReadyLogLine.state("jdbc:postgresql://db:5432/emulator?user=emulator&password=secret"))
                .isEqualTo("PostgreSQL db:5432/emulator");
    }

    @Test
    void anotherDatabaseIsNamedByItsKindOnly() {
        assertThat(ReadyLogLine.state("jdbc:h2:tcp://db-host/secret-path;PASSWORD=x")).isEqualTo("the database of h2");
    }
}
