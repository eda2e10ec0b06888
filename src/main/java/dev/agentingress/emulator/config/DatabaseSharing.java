package dev.agentingress.emulator.config;

import java.util.Locale;

/** Whether other processes can open the emulator's database, and so change what this one has read from it. */
public final class DatabaseSharing {

    private DatabaseSharing() {
    }

    /** An embedded H2, in memory or in a file H2 locks: no other process can share it. */
    public static boolean onlyThisProcessOpens(String datasourceUrl) {
        String url = datasourceUrl.toLowerCase(Locale.ROOT);
        return url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:tcp:") && !url.startsWith("jdbc:h2:ssl:")
                && !url.contains(";auto_server=true");
    }
}
