package dev.agentingress.emulator.agentingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.agentingress.emulator.ids.Ksuid;
import dev.agentingress.emulator.ids.KsuidGenerator;
import dev.agentingress.emulator.ids.ResourceIds;
import dev.agentingress.emulator.support.ApiIntegrationTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * GET by ID answers from the ingresses it read before, and a create's ID follows the newest ID kept in memory (memory
 * mode, the default of these tests): every write through the API or the controls shows in the next GET and the next
 * create's ID, as when every request read the database, also with requests racing it.
 */
class KeptIngressesIntegrationTests extends ApiIntegrationTest {

    private static final Pattern DESCRIPTION = Pattern.compile("\"description\":\"v(\\d+)\"");

    @Test
    void everyWriteShowsInTheNextGet() {
        String id = createIngress(token, Map.of("domain", uniqueDomain(), "certificate_management_policy", Map.of()));
        getTwice(id);

        apiJson(Map.of("description", "changed")).patch("/agent_ingresses/" + id).then().statusCode(200);
        assertThat(getTwice(id).getString("description")).isEqualTo("changed");

        authorized(token).post("/_emulator/agent_ingresses/" + id + "/certificate/fail").then().statusCode(200);
        assertThat(getTwice(id).getString("certificate_management_status.provisioning_job.error_code"))
                .isEqualTo("DNS_ERROR");

        authorized(token).post("/_emulator/agent_ingresses/" + id + "/certificate/issue").then().statusCode(200);
        JsonPath issued = getTwice(id);
        assertThat(issued.getString("certificate_management_status.provisioning_job")).isNull();
        assertThat(issued.getString("certificate_management_status.renews_at")).isNotNull();

        api().delete("/agent_ingresses/" + id).then().statusCode(204);
        api().get("/agent_ingresses/" + id).then().statusCode(404);
    }

    @Test
    void anAccountsResetForgetsItsIngressesAndNoOneElses() {
        String mine = createIngress(uniqueDomain());
        String otherToken = newToken();
        String others = createIngress(otherToken, Map.of("domain", uniqueDomain()));
        getTwice(mine);
        api(otherToken).get("/agent_ingresses/" + others).then().statusCode(200);

        authorized(token).post("/_emulator/reset").then().statusCode(200);

        api().get("/agent_ingresses/" + mine).then().statusCode(404);
        api(otherToken).get("/agent_ingresses/" + others).then().statusCode(200);
    }

    @Test
    void anIngressReadByItsOwnerIsStillUnknownToAnotherAccount() {
        String id = createIngress(uniqueDomain());
        getTwice(id);

        api(newToken()).get("/agent_ingresses/" + id).then().statusCode(404);
    }

    /**
     * One client patches the description to v1, v2, ... and reads it back after each answer, while three others read
     * the same ingress as fast as they can: the writer always reads its own last write, and no reader ever sees a
     * description older than one it saw before.
     */
    @Test
    void readersRacingWritesNeverSeeAnOlderDescription() throws Exception {
        String id = createIngress(uniqueDomain());
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService readers = Executors.newFixedThreadPool(3);
        try {
            List<Future<Integer>> seen = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                seen.add(readers.submit(() -> readUntilDone(http, id, writing)));
            }
            for (int version = 1; version <= 150; version++) {
                apiJson(Map.of("description", "v" + version)).patch("/agent_ingresses/" + id).then().statusCode(200);
                assertThat(descriptionVersion(get(http, id))).as("read back after v%d", version).isEqualTo(version);
            }
            writing.set(false);
            for (Future<Integer> reads : seen) {
                assertThat(reads.get(60, TimeUnit.SECONDS)).as("reads of one reader").isPositive();
            }
        } finally {
            writing.set(false);
            readers.shutdownNow();
        }
    }

    /**
     * A create's ID follows the account's newest, kept in memory: sequential creates keep growing while other writes
     * (which stop anything new being kept) run beside them.
     */
    @Test
    void sequentialCreatesGetGrowingIdsWhileOtherWritesRun() throws Exception {
        String patched = createIngress(uniqueDomain());
        AtomicBoolean creating = new AtomicBoolean(true);
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> patches = writer.submit(() -> {
                int done = 0;
                // bounded: the creates below end well before this many
                while (creating.get() && done < 20_000) {
                    apiJson(Map.of("description", "p" + done)).patch("/agent_ingresses/" + patched).then()
                            .statusCode(200);
                    done++;
                }
                return done;
            });
            String previous = createIngress(uniqueDomain());
            for (int i = 0; i < 150; i++) {
                String id = createIngress(uniqueDomain());
                assertThat(id).as("create %d", i).isGreaterThan(previous);
                previous = id;
            }
            creating.set(false);
            assertThat(patches.get(60, TimeUnit.SECONDS)).as("patches beside the creates").isPositive();
        } finally {
            creating.set(false);
            writer.shutdownNow();
        }
    }

    @Test
    void afterAResetTheAccountsIdsFollowItsClockAgain() {
        freezeAt("2030-01-01T00:00:00Z");
        createIngress(uniqueDomain());
        createIngress(uniqueDomain());

        authorized(token).post("/_emulator/reset").then().statusCode(200);
        freezeAt("2020-01-01T00:00:00Z");
        String id = createIngress(uniqueDomain());

        assertThat(ResourceIds.timestampOf(id)).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
    }

    @Test
    void theNextCreateFollowsTheIdsAnImportBrought() {
        String before = createIngress(uniqueDomain());
        createIngress(uniqueDomain());
        String imported = "agin_" + new KsuidGenerator(Clock.systemUTC())
                .nextAfter(Ksuid.MIN, Instant.now().plus(Duration.ofDays(1)));

        authorized(token).contentType(ContentType.JSON)
                .body(Map.of("ingresses", List.of(Map.of("id", imported, "domain", uniqueDomain()))))
                .post("/_emulator/agent_ingresses").then().statusCode(200).body("imported", equalTo(1));
        String after = createIngress(uniqueDomain());

        assertThat(before).isLessThan(imported);
        assertThat(after).isGreaterThan(imported);
    }

    /** An import's items are stored oldest (last) first: an ID it makes follows the IDs of the items before it. */
    @Test
    void anIdAnImportMakesFollowsTheIdsItStoredBefore() {
        createIngress(uniqueDomain());
        String given = "agin_" + new KsuidGenerator(Clock.systemUTC())
                .nextAfter(Ksuid.MIN, Instant.now().plus(Duration.ofDays(1)));
        String newest = uniqueDomain();

        authorized(token).contentType(ContentType.JSON)
                .body(Map.of("ingresses", List.of(Map.of("domain", newest), Map.of("id", given, "domain",
                        uniqueDomain()), Map.of("domain", uniqueDomain()))))
                .post("/_emulator/agent_ingresses").then().statusCode(200).body("imported", equalTo(3));

        List<Map<String, Object>> listed = api().get("/agent_ingresses").then().statusCode(200).extract().jsonPath()
                .getList("ingresses");
        assertThat(listed).filteredOn(ingress -> newest.equals(ingress.get("domain"))).singleElement()
                .extracting(ingress -> (String) ingress.get("id")).asString().isGreaterThan(given);
    }

    private void freezeAt(String at) {
        authorized(token).contentType(ContentType.JSON).body(Map.of("at", at)).post("/_emulator/clock/freeze").then()
                .statusCode(200);
    }

    /** The second GET is the one a kept ingress answers. */
    private JsonPath getTwice(String id) {
        api().get("/agent_ingresses/" + id).then().statusCode(200);
        return api().get("/agent_ingresses/" + id).then().statusCode(200).extract().jsonPath();
    }

    private int readUntilDone(HttpClient http, String id, AtomicBoolean writing) throws Exception {
        int reads = 0;
        int newest = 0;
        // bounded: the writer's 150 round trips end well before this many reads
        while (writing.get() && reads < 100_000) {
            int version = descriptionVersion(get(http, id));
            assertThat(version).as("after v%d", newest).isGreaterThanOrEqualTo(newest);
            newest = version;
            reads++;
        }
        return reads;
    }

    private String get(HttpClient http, String id) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/agent_ingresses/" + id))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token)
                        .header("Ngrok-Version", "2").build(),
                BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    /** 0 before the first PATCH (an empty description). */
    private static int descriptionVersion(String body) {
        Matcher matcher = DESCRIPTION.matcher(body);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }
}
