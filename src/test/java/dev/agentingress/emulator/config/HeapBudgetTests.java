package dev.agentingress.emulator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.mock.env.MockEnvironment;

/** The start-up check that every bound's worst case, from the settings in force, fits the heap. */
class HeapBudgetTests {

    private static final long MIB = HeapBudget.MIB;
    /** What the JVM reports as its maximum heap under jvm.options (-Xmx256m, a young generation of at most 40 MiB). */
    private static final long DEFAULT_HEAP = 252 * MIB;
    private static final String MEMORY_URL = "jdbc:h2:mem:emulator;DB_CLOSE_DELAY=-1";

    @Test
    void theDefaultSettingsFitTheDefaultHeap() {
        assertThatCode(() -> check(Map.of(), MEMORY_URL, DEFAULT_HEAP)).doesNotThrowAnyException();
    }

    @Test
    void theDefaultSettingsWithTheRateLimitOnFitTheDefaultHeap() {
        assertThatCode(() -> check(Map.of("emulator.rate-limit.enabled", "true"), MEMORY_URL, DEFAULT_HEAP))
                .doesNotThrowAnyException();
    }

    @Test
    void theDefaultSettingsDoNotFitThePrevious112MibHeap() {
        assertThatThrownBy(() -> check(Map.of(), MEMORY_URL, 108 * MIB)).isInstanceOf(StartupProblem.class);
    }

    @Test
    void tooManyIngressesForTheHeapStopStartUpWithOneLineNamingEverySetting() {
        assertThatThrownBy(() -> check(Map.of("emulator.memory.max-ingresses", "20000"), MEMORY_URL, DEFAULT_HEAP))
                .isInstanceOf(StartupProblem.class)
                .hasMessageStartingWith(
                        "The heap (252 MiB, from -Xmx) cannot hold the emulator's bounds: they need 380 MiB"
                                + " of the 189 MiB (75%) they may take; base 48 MiB (a started server); connections 74 MiB"
                                + " (server.tomcat.max-connections=1100); journal 13 MiB (emulator.journal.max-bytes=12MB,"
                                + " emulator.journal.max-accounts=100); clocks 5 MiB (emulator.clock.max-accounts=10000);"
                                + " fault rules 5 MiB (emulator.faults.max-rules=5000); ingresses 235 MiB"
                                + " (emulator.memory.max-ingresses=20000); ingresses and newest IDs kept in memory 2 MiB (a constant)."
                                + " Raise -Xmx (JAVA_OPTS) or lower these settings")
                .message().doesNotContain("\n");
    }

    @Test
    void aHeapOf512MibHolds20000IngressesWithTheOtherDefaults() {
        assertThatCode(() -> check(Map.of("emulator.memory.max-ingresses", "20000"), MEMORY_URL, 508 * MIB))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> check(Map.of("emulator.memory.max-ingresses", "21000"), MEMORY_URL, 508 * MIB))
                .isInstanceOf(StartupProblem.class);
    }

    @Test
    void storedIngressesCountOnlyInMemoryMode() {
        Map<String, String> manyIngresses = Map.of("emulator.memory.max-ingresses", "1000000");

        assertThatCode(() -> check(manyIngresses, "jdbc:h2:file:./data/emulator", DEFAULT_HEAP))
                .doesNotThrowAnyException();
        assertThatCode(() -> check(manyIngresses, "jdbc:postgresql://db/emulator", DEFAULT_HEAP))
                .doesNotThrowAnyException();
    }

    @Test
    void theIngressesKeptForGetByIdCountOnlyInMemoryMode() {
        assertThat(HeapBudget.shares(properties(Map.of()), environment(Map.of(), MEMORY_URL), DEFAULT_HEAP))
                .filteredOn(share -> share.what().equals("ingresses and newest IDs kept in memory"))
                .extracting(HeapBudget.Share::bytes).containsExactly(2 * MIB);
        assertThat(HeapBudget.shares(properties(Map.of()), environment(Map.of(), "jdbc:h2:file:./data/emulator"),
                DEFAULT_HEAP)).extracting(HeapBudget.Share::what)
                .doesNotContain("ingresses and newest IDs kept in memory");
    }

    @Test
    void anH2FileCountsItsPageCache() {
        List<HeapBudget.Share> shares = HeapBudget.shares(properties(Map.of()),
                environment(Map.of(), "jdbc:h2:file:./data/emulator"), 256 * MIB);

        assertThat(shares).extracting(HeapBudget.Share::what).contains("H2 page cache").doesNotContain("ingresses");
        assertThat(shares).filteredOn(share -> share.what().equals("H2 page cache"))
                .extracting(HeapBudget.Share::bytes).containsExactly(16 * MIB);
    }

    @Test
    void moreConnectionsThanTheHeapHoldsStopStartUp() {
        assertThatThrownBy(() -> check(Map.of("server.tomcat.max-connections", "8192"), MEMORY_URL, DEFAULT_HEAP))
                .isInstanceOf(StartupProblem.class)
                .hasMessageContaining("connections 544 MiB (server.tomcat.max-connections=8192)");
    }

    @Test
    void maxConnectionsIsReadInAnyFormBootAccepts() {
        MockEnvironment environment = new MockEnvironment().withProperty("server.tomcat.maxConnections", "4096")
                .withProperty("spring.datasource.url", MEMORY_URL);

        assertThat(HeapBudget.shares(properties(Map.of()), environment, DEFAULT_HEAP))
                .filteredOn(share -> share.what().equals("connections"))
                .extracting(HeapBudget.Share::bytes).containsExactly(4096 * HeapBudget.CONNECTION_BYTES);
    }

    @Test
    void aJournalSwitchedOffTakesNothing() {
        List<HeapBudget.Share> shares = HeapBudget.shares(properties(Map.of("emulator.journal.enabled", "false")),
                environment(Map.of(), MEMORY_URL), DEFAULT_HEAP);

        assertThat(shares).extracting(HeapBudget.Share::what).doesNotContain("journal");
    }

    private static void check(Map<String, String> settings, String datasourceUrl, long maxHeap) {
        HeapBudget.check(HeapBudget.shares(properties(settings), environment(settings, datasourceUrl), maxHeap),
                maxHeap);
    }

    private static EmulatorProperties properties(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("emulator",
                EmulatorProperties.class);
    }

    /** The server's own settings as application.yml gives them, overridden by {@code settings}. */
    private static MockEnvironment environment(Map<String, String> settings, String datasourceUrl) {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("server.tomcat.max-connections", "1100")
                .withProperty("spring.datasource.url", datasourceUrl);
        settings.forEach(environment::setProperty);
        return environment;
    }
}
