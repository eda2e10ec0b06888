package dev.agentingress.emulator.config;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Adds up the worst case of every bound the emulator holds in its heap, from the settings in force, and refuses to
 * start (one line, {@link StartupProblem}) when the sum does not fit the heap ({@code -Xmx}) with room to spare: no
 * input should ever reach the JVM's exit on {@code OutOfMemoryError}. The figures per item are upper bounds, measured
 * as docs/limits.md describes; the room left ({@value #SHARE_FOR_BOUNDS_PERCENT}% for the bounds) is for requests in
 * flight and the young generation.
 */
@Component
class HeapBudget {

    static final long KIB = 1024;
    static final long MIB = 1024 * KIB;

    /** The bounds may fill this share of the heap; the rest is for requests in flight and the collector. */
    static final int SHARE_FOR_BOUNDS_PERCENT = 75;
    /** A started server, idle, after a full GC: 32 MiB measured; the rest is room for caches that warm under load. */
    static final long BASE_BYTES = 48 * MIB;
    /**
     * Tomcat's buffers and request objects for one connection that sends its headers slowly, with the 16 KB header
     * buffer of application.yml: 64 KiB measured (heap after a full GC with 1,000 such connections open, less before).
     */
    static final long CONNECTION_BYTES = 68 * KIB;
    /** Tomcat's own default, when {@code server.tomcat.max-connections} is not set. */
    static final int TOMCAT_DEFAULT_MAX_CONNECTIONS = 8192;
    /** An account's journal beside its entries (whose heap {@code max-bytes} bounds): map entry, key, two deques. */
    static final long JOURNAL_ACCOUNT_BYTES = 8 * KIB;
    /** An account's clock setting: map node, account key, setting, instant, duration. */
    static final long CLOCK_ACCOUNT_BYTES = 512;
    /** A fault rule and, at worst, an account of its own to hold it. */
    static final long FAULT_RULE_BYTES = KIB;
    /** An account's rate-limit window beside its ring of {@code limit} longs: map entry, key, ring object. */
    static final long RATE_LIMIT_ACCOUNT_BYTES = 512;
    /**
     * One stored ingress in memory mode at its largest (4096 bytes of metadata and 255 of description of 2-byte
     * characters, a 253-character domain, a certificate job, both indexes): 10.9 KiB measured.
     */
    static final long INGRESS_ROW_BYTES = 12 * KIB;
    /** H2's page cache in a file: 64 MiB for each GiB of heap (H2's {@code Utils.scaleForAvailableMemory}). */
    static final int H2_FILE_CACHE_HEAP_DIVISOR = 16;

    HeapBudget(EmulatorProperties properties, Environment environment) {
        check(shares(properties, environment, Runtime.getRuntime().maxMemory()), Runtime.getRuntime().maxMemory());
    }

    /** What each bound may take of the heap, with the settings that size it. */
    static List<Share> shares(EmulatorProperties properties, Environment environment, long maxHeap) {
        // bound as Tomcat's own setting is, so every form Boot accepts (SERVER_TOMCAT_MAXCONNECTIONS, ...) is read
        int maxConnections = Binder.get(environment).bind("server.tomcat.max-connections", Integer.class)
                .orElse(TOMCAT_DEFAULT_MAX_CONNECTIONS);
        String datasourceUrl = environment.getProperty("spring.datasource.url", "");
        List<Share> shares = new ArrayList<>();
        shares.add(new Share("base", "a started server", BASE_BYTES));
        shares.add(new Share("connections", "server.tomcat.max-connections=" + maxConnections,
                maxConnections * CONNECTION_BYTES));
        EmulatorProperties.Journal journal = properties.journal();
        if (journal.enabled()) {
            shares.add(new Share("journal", "emulator.journal.max-bytes=" + setting(journal.maxBytes())
                    + ", emulator.journal.max-accounts=" + journal.maxAccounts(),
                    journal.maxBytes().toBytes() + journal.maxAccounts() * JOURNAL_ACCOUNT_BYTES));
        }
        shares.add(new Share("clocks", "emulator.clock.max-accounts=" + properties.clock().maxAccounts(),
                properties.clock().maxAccounts() * CLOCK_ACCOUNT_BYTES));
        shares.add(new Share("fault rules", "emulator.faults.max-rules=" + properties.faults().maxRules(),
                properties.faults().maxRules() * FAULT_RULE_BYTES));
        EmulatorProperties.RateLimit rateLimit = properties.rateLimit();
        if (rateLimit.enabled()) {
            shares.add(new Share("rate-limit windows", "emulator.rate-limit.max-accounts=" + rateLimit.maxAccounts()
                    + ", emulator.rate-limit.limit=" + rateLimit.limit(),
                    rateLimit.maxAccounts() * (RATE_LIMIT_ACCOUNT_BYTES + 8L * rateLimit.limit())));
        }
        if (EmulatorProperties.Memory.holdsRowsInHeap(datasourceUrl)) {
            shares.add(new Share("ingresses", "emulator.memory.max-ingresses=" + properties.memory().maxIngresses(),
                    properties.memory().maxIngresses() * INGRESS_ROW_BYTES));
            shares.add(new Share("ingresses and newest IDs kept in memory", "a constant",
                    EmulatorProperties.Memory.KEPT_READS_BYTES));
        } else if (datasourceUrl.startsWith("jdbc:h2:")) {
            shares.add(new Share("H2 page cache", "the heap", maxHeap / H2_FILE_CACHE_HEAP_DIVISOR));
        }
        return shares;
    }

    static void check(List<Share> shares, long maxHeap) {
        long needed = shares.stream().mapToLong(Share::bytes).sum();
        long available = maxHeap / 100 * SHARE_FOR_BOUNDS_PERCENT;
        if (needed > available) {
            throw new StartupProblem("The heap (" + mib(maxHeap)
                    + ", from -Xmx) cannot hold the emulator's bounds: they "
                    + "need " + mib(needed) + " of the " + mib(available) + " (" + SHARE_FOR_BOUNDS_PERCENT
                    + "%) they may take; " + shares.stream().map(Share::toString).collect(Collectors.joining("; "))
                    + ". Raise -Xmx (JAVA_OPTS) or lower these settings (docs/limits.md).");
        }
    }

    /** A size as it would be written in the setting. */
    private static String setting(DataSize size) {
        return size.toBytes() % MIB == 0 ? size.toMegabytes() + "MB" : size.toBytes() + "B";
    }

    private static String mib(long bytes) {
        return (bytes + MIB - 1) / MIB + " MiB";
    }

    /** One bound's worst case and the settings that size it. */
    record Share(String what, String settings, long bytes) {

        @Override
        public String toString() {
            return what + " " + mib(bytes) + " (" + settings + ")";
        }
    }
}
