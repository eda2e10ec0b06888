package dev.agentingress.emulator.config;

import java.util.Locale;

/**
 * Which kind of database the emulator runs on, from its URL: whether other processes can open it (and so change what
 * this one has read from it), and whether it is PostgreSQL.
 */
public final class DatabaseKind {

    private DatabaseKind() {
    }

    /** An embedded H2, in memory or in a file H2 locks: no other process can share it. */
    public static boolean onlyThisProcessOpens(String datasourceUrl) {
        String url = datasourceUrl.toLowerCase(Locale.ROOT);
        return url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:tcp:") && !url.startsWith("jdbc:h2:ssl:")
                && !url.contains(";auto_server=true");
    }

    public static boolean isPostgresql(String datasourceUrl) {
        return datasourceUrl.startsWith("jdbc:postgresql:");
    }
}
