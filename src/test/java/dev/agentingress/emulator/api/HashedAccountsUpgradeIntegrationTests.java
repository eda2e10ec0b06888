package dev.agentingress.emulator.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.agentingress.emulator.AgentIngressEmulatorApplication;
import dev.agentingress.emulator.support.Unique;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The keyed account on a database that outlives the process (an H2 file, as the durable mode keeps it): the secret
 * stays, so a restart keeps every account; and a database from before the keyed hash keeps its users' ingresses,
 * each account moved to its keyed hash on its owner's first request.
 */
@DisabledIfSystemProperty(named = "spring.datasource.url", matches = ".+",
        disabledReason = "an H2 file by definition: the run against another database would repeat it")
class HashedAccountsUpgradeIntegrationTests {

    private static final String FIRST_ID = "agin_2fmnypjq2RAXIuNjjqzRmI3T7zy";
    private static final String ADMIN_TOKEN = "admin-token-for-upgrade-tests";
    private static final String SECOND_ID = "agin_2fmnypjq2RAXIuNjjqzRmI3T7zz";

    @TempDir
    Path dataDir;

    @Test
    void aRestartKeepsTheSecretAndSoEveryAccount() {
        String token = Unique.token("upgrade");
        String id;
        String secret;
        try (ConfigurableApplicationContext first = start()) {
            id = api(first, token).contentType(ContentType.JSON).body("{\"domain\":\"" + Unique.domain("u") + "\"}")
                    .post("/agent_ingresses").then().statusCode(201).extract().path("id");
            secret = secret(first);
        }
        try (ConfigurableApplicationContext second = start()) {
            assertThat(secret(second)).isEqualTo(secret);
            api(second, token).get("/agent_ingresses/" + id).then().statusCode(200);
        }
    }

    @Test
    void rowsStoredUnderTheOldSha256MoveToTheKeyedHashOnTheirOwnersFirstRequest() throws Exception {
        String returning = Unique.token("upgrade");
        String away = Unique.token("upgrade");
        migrateToV1WithRowsOf(returning, away);

        try (ConfigurableApplicationContext upgraded = start()) {
            JdbcTemplate jdbc = upgraded.getBean(JdbcTemplate.class);
            assertThat(legacyAccounts(jdbc)).containsExactlyInAnyOrder(HashedAccounts.sha256(returning),
                    HashedAccounts.sha256(away));

            api(upgraded, returning).get("/agent_ingresses/" + FIRST_ID).then().statusCode(200);

            byte[] secret = HexFormat.of().parseHex(secret(upgraded));
            assertThat(storedAccount(jdbc, FIRST_ID))
                    .isEqualTo(HashedAccountsIntegrationTests.hmacSha256(secret, returning));
            assertThat(legacyAccounts(jdbc)).containsExactly(HashedAccounts.sha256(away));
            assertThat(storedAccount(jdbc, SECOND_ID)).as("an owner who has not come back yet")
                    .isEqualTo(HashedAccounts.sha256(away));
            api(upgraded, away).get("/agent_ingresses").then().statusCode(200)
                    .body("ingresses.id", org.hamcrest.Matchers.contains(SECOND_ID));
            assertThat(legacyAccounts(jdbc)).isEmpty();
        }
    }

    @Test
    void theOperatorsResetForgetsTheOldAccountsWithTheirRows() throws Exception {
        migrateToV1WithRowsOf(Unique.token("upgrade"), Unique.token("upgrade"));

        try (ConfigurableApplicationContext upgraded = start("--emulator.admin-token=" + ADMIN_TOKEN)) {
            JdbcTemplate jdbc = upgraded.getBean(JdbcTemplate.class);
            api(upgraded, ADMIN_TOKEN).post("/_emulator/admin/reset").then().statusCode(200);

            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM agent_ingresses", Integer.class)).isZero();
            assertThat(legacyAccounts(jdbc)).isEmpty();
        }
    }

    /** A database as the emulator left it before V2: the schema of V1, rows keyed by the SHA-256 of their key. */
    private void migrateToV1WithRowsOf(String firstToken, String secondToken) throws SQLException {
        Flyway.configure().dataSource(url(), "sa", "").locations("classpath:db/migration", "classpath:db/vendor/h2")
                .target("1").load().migrate();
        try (Connection connection = DriverManager.getConnection(url(), "sa", "");
                PreparedStatement insert = connection.prepareStatement("INSERT INTO agent_ingresses (id, account, "
                        + "domain, description, metadata, created_at) VALUES (?, ?, ?, '', '', CURRENT_TIMESTAMP)")) {
            for (List<String> row : List.of(List.of(FIRST_ID, firstToken), List.of(SECOND_ID, secondToken))) {
                insert.setString(1, row.get(0));
                insert.setString(2, HashedAccounts.sha256(row.get(1)));
                insert.setString(3, Unique.domain("u"));
                insert.executeUpdate();
            }
        }
    }

    /** The durable mode's file database, named here so that a run against another database still uses it. */
    private String url() {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath() + "/emulator;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
    }

    private ConfigurableApplicationContext start(String... more) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.profiles.active=durable",
                "--emulator.data-dir=" + dataDir.toAbsolutePath(), "--spring.datasource.url=" + url()));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(AgentIngressEmulatorApplication.class).run(args.toArray(String[]::new));
    }

    private static RequestSpecification api(ConfigurableApplicationContext context, String token) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return given().baseUri("http://127.0.0.1").port(port).header("Authorization", "Bearer " + token)
                .header("Ngrok-Version", "2");
    }

    private static String secret(ConfigurableApplicationContext context) {
        return context.getBean(JdbcTemplate.class).queryForObject("SELECT hmac_key FROM emulator_secret", String.class);
    }

    private static List<String> legacyAccounts(JdbcTemplate jdbc) {
        return jdbc.queryForList("SELECT account FROM legacy_accounts", String.class);
    }

    private static String storedAccount(JdbcTemplate jdbc, String id) {
        return jdbc.queryForObject("SELECT account FROM agent_ingresses WHERE id = ?", String.class, id);
    }
}
