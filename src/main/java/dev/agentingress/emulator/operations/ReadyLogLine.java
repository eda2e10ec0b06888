package dev.agentingress.emulator.operations;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import dev.agentingress.emulator.config.EmulatorProperties;

/**
 * One line once the emulator takes requests, for tools that wait on a log line (Testcontainers'
 * {@code Wait.forLogMessage(".*Agent Ingress emulator ready.*", 1)}) and for the person who started it: the port, the
 * URL to open, where state lives and how API keys are taken. Its beginning, {@code Agent Ingress emulator ready on
 * port <port>}, is part of the emulator's interface.
 */
@Component
class ReadyLogLine {

    static final String TEXT = "Agent Ingress emulator ready";
    private static final Logger log = LoggerFactory.getLogger(ReadyLogLine.class);
    /** The file an embedded H2 keeps its database in: the path of the URL, before its settings. */
    private static final Pattern H2_FILE = Pattern.compile("jdbc:h2:(?:file:)?(?!tcp:|ssl:|mem:|zip:)([^;]+).*");
    /** Host, port and database of a PostgreSQL URL; user and password may follow the {@code ?} and stay out. */
    private static final Pattern POSTGRESQL = Pattern.compile("jdbc:postgresql://([^/?]*)/?([^?]*).*");

    private final EmulatorProperties properties;
    private final Environment environment;

    ReadyLogLine(EmulatorProperties properties, Environment environment) {
        this.properties = properties;
        this.environment = environment;
    }

    @EventListener
    void onReady(ApplicationReadyEvent event) {
        if (event.getApplicationContext() instanceof WebServerApplicationContext web) {
            // started before the context is ready, so present by now
            WebServer server = Objects.requireNonNull(web.getWebServer());
            log.info("{}", line(server.getPort()));
        }
    }

    String line(int port) {
        String url = properties.publicBaseUrl() != null ? properties.publicBaseUrl() : "http://localhost:" + port;
        String keys = properties.apiKeys().isEmpty() ? "open (every token is an account of its own)"
                : properties.apiKeys().size() + " fixed (emulator.api-keys)";
        return TEXT + " on port " + port + ": " + url + "; state: "
                + state(environment.getProperty("spring.datasource.url", "")) + "; API keys: " + keys;
    }

    static String state(String datasourceUrl) {
        if (EmulatorProperties.Memory.holdsRowsInHeap(datasourceUrl)) {
            return "in memory (gone when the process ends)";
        }
        Matcher postgresql = POSTGRESQL.matcher(datasourceUrl);
        if (postgresql.matches()) {
            return "PostgreSQL " + postgresql.group(1) + "/" + postgresql.group(2);
        }
        Matcher h2 = H2_FILE.matcher(datasourceUrl);
        if (h2.matches()) {
            return "durable, " + Path.of(h2.group(1) + ".mv.db").toAbsolutePath().normalize();
        }
        // another database: its kind only, as the rest of a JDBC URL may hold a password
        return "the database of " + datasourceUrl.replaceFirst("^jdbc:([^:]+):.*", "$1");
    }
}
