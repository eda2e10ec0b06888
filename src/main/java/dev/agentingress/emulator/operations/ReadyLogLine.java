package dev.agentingress.emulator.operations;

import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * One fixed line once the emulator takes requests, for tools that wait on a log line (Testcontainers'
 * {@code Wait.forLogMessage(".*Agent Ingress emulator ready.*", 1)}). Its text is part of the emulator's interface.
 */
@Component
class ReadyLogLine {

    static final String TEXT = "Agent Ingress emulator ready";
    private static final Logger log = LoggerFactory.getLogger(ReadyLogLine.class);

    @EventListener
    void onReady(ApplicationReadyEvent event) {
        if (event.getApplicationContext() instanceof WebServerApplicationContext web) {
            // started before the context is ready, so present by now
            WebServer server = Objects.requireNonNull(web.getWebServer());
            log.info("{} on port {}", TEXT, server.getPort());
        }
    }
}
