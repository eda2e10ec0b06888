package dev.agentingress.emulator.support;

import static io.restassured.RestAssured.given;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.h2.tools.Server;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.agentingress.emulator.AgentIngressEmulatorApplication;
import io.restassured.specification.RequestSpecification;

/**
 * Two emulator instances on one database, as behind a load balancer: each its own application context, port and
 * memory. In the PostgreSQL pass they share the PostgreSQL server; otherwise they share one in-memory H2 database
 * of this JVM, which they reach through H2's TCP server, as processes on other hosts would: so each takes the
 * database for a shared one, as it takes PostgreSQL. Started one after the other, so that Flyway migrates once.
 */
public final class TwoInstances implements AutoCloseable {

    /** One for every pair of the test run, on a free loopback port; a daemon, ended with the JVM. */
    private static final Server H2_SERVER = startH2Server();

    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

    private TwoInstances() {
    }

    /** Starts both, each with {@code settings} (as {@code --name=value} arguments). */
    public static TwoInstances start(String... settings) {
        // the journal as on PostgreSQL: "auto" keeps it in memory on an in-memory H2, which in production only one
        // process can open, but which these two share
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--emulator.journal.store=database"));
        if (System.getProperty("spring.datasource.url") == null) {
            args.add("--spring.datasource.url=jdbc:h2:tcp://localhost:" + H2_SERVER.getPort() + "/mem:two-instances-"
                    + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        }
        args.addAll(List.of(settings));
        TwoInstances two = new TwoInstances();
        try {
            for (int i = 0; i < 2; i++) {
                two.instances.add(new SpringApplicationBuilder(AgentIngressEmulatorApplication.class)
                        .run(args.toArray(String[]::new)));
            }
        } catch (RuntimeException e) {
            two.close();
            throw e;
        }
        return two;
    }

    private static Server startH2Server() {
        try {
            return Server.createTcpServer("-tcpPort", "0", "-ifNotExists", "-tcpDaemon").start();
        } catch (SQLException e) {
            throw new IllegalStateException("H2's TCP server did not start", e);
        }
    }

    /** A bean of instance 0 or 1. */
    public <T> T bean(int instance, Class<T> type) {
        return instances.get(instance).getBean(type);
    }

    /** The port of instance 0 or 1. */
    public int port(int instance) {
        return ((WebServerApplicationContext) instances.get(instance)).getWebServer().getPort();
    }

    /** A request to instance 0 or 1 as {@code token}'s account, with ngrok's headers. */
    public RequestSpecification api(int instance, String token) {
        return authorized(instance, token).header("Ngrok-Version", "2");
    }

    /** A request to instance 0 or 1 with the token only, as the controls may be called. */
    public RequestSpecification authorized(int instance, String token) {
        return given().baseUri("http://localhost").port(port(instance)).header("Authorization", "Bearer " + token);
    }

    @Override
    public void close() {
        instances.forEach(ConfigurableApplicationContext::close);
    }
}
