package dev.agentingress.emulator.controls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.agentingress.emulator.support.TwoInstances;
import dev.agentingress.emulator.support.Unique;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every test control of the clock, the fault rules, the reset, the certificates and the rate limit, driven through
 * one instance and observed through another on the same database, with the expectations of the single-instance tests:
 * behind a load balancer the instances answer as one emulator would. Runs in the H2 pass (one named in-memory database
 * of this JVM) and in the PostgreSQL pass (the server).
 */
class SharedControlsIntegrationTests {

    private static final String ADMIN = "operator-secret-0123456789";
    private static final String FROZEN = "2025-09-04T10:11:37Z";
    private static final String AHEAD = "2031-05-06T07:08:09Z";
    private static final String COLLECTION = "/agent_ingresses";
    private static final String FAULTS = "/_emulator/faults";
    private static final int RATE_LIMIT = 10;

    private static TwoInstances two;

    private final String token = Unique.token();

    @BeforeAll
    static void startTwoInstances() {
        two = TwoInstances.start("--emulator.admin-token=" + ADMIN);
    }

    @AfterAll
    static void stopThem() {
        two.close();
    }

    // ---------------------------------------------------------------- the clock

    @Test
    void aClockFrozenThroughOneInstanceDatesWhatTheOtherCreates() {
        control(0).contentType(ContentType.JSON).body(Map.of("at", FROZEN)).post("/_emulator/clock/freeze").then()
                .statusCode(200);

        create(1).then().statusCode(201).body("created_at", equalTo(FROZEN));
        control(1).get("/_emulator/clock").then().statusCode(200).body("now", equalTo(FROZEN))
                .body("frozen", equalTo(true));
    }

    /**
     * The other instance has just served the same call with nothing set, which it remembers so as to skip the query
     * next time: the freeze reaches it before the freeze is answered. (Frozen ahead, as an account's IDs never go
     * back in time.)
     */
    @Test
    void aClockFrozenThroughOneInstanceReachesACallTheOtherRemembersAsQuiet() {
        for (int i = 0; i < 3; i++) {
            create(1).then().statusCode(201);
        }

        control(0).contentType(ContentType.JSON).body(Map.of("at", AHEAD)).post("/_emulator/clock/freeze").then()
                .statusCode(200);

        create(1).then().statusCode(201).body("created_at", equalTo(AHEAD));
    }

    @Test
    void anAdvanceThroughOneInstanceMovesTheClockTheOtherSees() {
        control(0).contentType(ContentType.JSON).body(Map.of("at", FROZEN)).post("/_emulator/clock/freeze").then()
                .statusCode(200);
        control(1).contentType(ContentType.JSON).body(Map.of("by", "PT1H")).post("/_emulator/clock/advance").then()
                .statusCode(200).body("now", equalTo("2025-09-04T11:11:37Z"));
        control(0).contentType(ContentType.JSON).body(Map.of("by", "90s")).post("/_emulator/clock/advance").then()
                .statusCode(200).body("now", equalTo("2025-09-04T11:13:07Z"));

        create(1).then().statusCode(201).body("created_at", equalTo("2025-09-04T11:13:07Z"));
        control(1).delete("/_emulator/clock").then().statusCode(204);
        control(0).get("/_emulator/clock").then().statusCode(200).body("frozen", equalTo(false));
    }

    @Test
    void theOperatorsClockSetThroughOneInstanceHoldsOnTheOther() {
        try {
            operator(0).contentType(ContentType.JSON).body(Map.of("at", FROZEN))
                    .post("/_emulator/admin/clock/freeze").then().statusCode(204);
            create(1).then().statusCode(201).body("created_at", equalTo(FROZEN));

            operator(1).contentType(ContentType.JSON).body(Map.of("by", "PT1H"))
                    .post("/_emulator/admin/clock/advance").then().statusCode(204);
            create(0).then().statusCode(201).body("created_at", equalTo("2025-09-04T11:11:37Z"));

            operator(1).delete("/_emulator/admin/clock").then().statusCode(204);
            control(0).get("/_emulator/clock").then().statusCode(200).body("frozen", equalTo(false));
        } finally {
            operator(0).delete("/_emulator/admin/clock").then().statusCode(204);
        }
    }

    // ---------------------------------------------------------------- fault rules

    @Test
    void aRuleAddedThroughOneInstanceReachesACallTheOtherRemembersAsQuiet() {
        for (int i = 0; i < 3; i++) {
            two.api(1, token).get(COLLECTION).then().statusCode(200);
        }

        addRule(0, Map.of("operation", "AgentIngressesList", "status", 503, "times", 1));

        two.api(1, token).get(COLLECTION).then().statusCode(503);
        two.api(1, token).get(COLLECTION).then().statusCode(200);
    }

    @Test
    void aTimesRuleFailsExactlyThatManyCallsAlternatingInstances() {
        addRule(0, Map.of("operation", "AgentIngressesList", "status", 503, "times", 3));

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            statuses.add(two.api(i % 2, token).get(COLLECTION).statusCode());
        }

        assertThat(statuses).containsExactly(503, 503, 503, 200, 200, 200, 200, 200);
        control(1).get(FAULTS).then().statusCode(200).body("faults", empty());
    }

    @Test
    void aTimesRuleFailsExactlyThatManyOfManyConcurrentCallsOnBothInstances() throws Exception {
        // more calls than the rule's count, and fewer on each instance than the count: counted per instance, the
        // rule would fail only the calls of the instance that holds it
        int times = 12;
        int calls = 20;
        addRule(1, Map.of("operation", "AgentIngressesList", "status", 503, "times", times));

        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                int instance = i % 2;
                results.add(pool.submit(() -> {
                    start.await();
                    return two.api(instance, token).get(COLLECTION).statusCode();
                }));
            }
            start.countDown();
            int failed = 0;
            for (Future<Integer> result : results) {
                int status = result.get(60, TimeUnit.SECONDS);
                assertThat(status).isIn(200, 503);
                failed += status == 503 ? 1 : 0;
            }
            assertThat(failed).isEqualTo(times);
        } finally {
            pool.shutdownNow();
        }
        control(0).get(FAULTS).then().statusCode(200).body("faults", empty());
    }

    @Test
    void rulesAddedThroughOneInstanceAreListedCountedDownAndDeletedThroughTheOther() {
        String first = addRule(0, Map.of("operation", "AgentIngressesGet", "status", 500, "times", 2));
        String second = addRule(0, Map.of("operation", "*", "latency_ms", 1));

        List<String> listed = control(1).get(FAULTS).then().statusCode(200).extract().path("faults.id");
        assertThat(listed).containsExactly(first, second);

        two.api(1, token).get(COLLECTION + "/agin_2mF0000000000000000000000000").then().statusCode(500);
        control(0).get(FAULTS).then().statusCode(200).body("faults[0].times_remaining", equalTo(1));

        control(1).delete(FAULTS + "/" + first).then().statusCode(204);
        control(0).delete(FAULTS + "/" + first).then().statusCode(404);
        List<String> left = control(0).get(FAULTS).then().statusCode(200).extract().path("faults.id");
        assertThat(left).containsExactly(second);

        control(0).delete(FAULTS).then().statusCode(204);
        control(1).get(FAULTS).then().statusCode(200).body("faults", empty());
    }

    // ---------------------------------------------------------------- reset

    @Test
    void aResetThroughOneInstanceClearsWhatTheOtherSees() {
        create(0).then().statusCode(201);
        addRule(0, Map.of("operation", "*", "latency_ms", 1));
        control(0).contentType(ContentType.JSON).body(Map.of("at", FROZEN)).post("/_emulator/clock/freeze").then()
                .statusCode(200);

        Response reset = control(1).post("/_emulator/reset");

        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(reset.<Integer>path("agent_ingresses")).isEqualTo(1);
        assertThat(reset.<Integer>path("fault_rules")).isEqualTo(1);
        two.api(0, token).get(COLLECTION).then().statusCode(200).body("ingresses", empty());
        control(0).get(FAULTS).then().statusCode(200).body("faults", empty());
        control(0).get("/_emulator/clock").then().statusCode(200).body("frozen", equalTo(false));
    }

    @Test
    void theOperatorsResetThroughOneInstanceClearsEveryAccountOnTheOther() {
        String other = Unique.token();
        addRule(0, Map.of("operation", "*", "latency_ms", 1));
        two.authorized(0, other).contentType(ContentType.JSON).body(Map.of("at", FROZEN))
                .post("/_emulator/clock/freeze").then().statusCode(200);
        operator(0).contentType(ContentType.JSON).body(Map.of("at", FROZEN)).post("/_emulator/admin/clock/freeze")
                .then().statusCode(204);

        operator(1).post("/_emulator/admin/reset").then().statusCode(200);

        control(0).get(FAULTS).then().statusCode(200).body("faults", empty());
        two.authorized(0, other).get("/_emulator/clock").then().statusCode(200).body("frozen", equalTo(false));
        control(0).get("/_emulator/clock").then().statusCode(200).body("frozen", equalTo(false));
    }

    // ---------------------------------------------------------------- certificates

    @Test
    void certificateOutcomesSetThroughOneInstanceShowThroughTheOther() {
        String id = two.api(0, token).contentType(ContentType.JSON)
                .body(Map.of("domain", Unique.domain("cert"), "certificate_management_policy",
                        Map.of("authority", "letsencrypt", "private_key_type", "ecdsa")))
                .post(COLLECTION).then().statusCode(201).extract().path("id");

        two.authorized(1, token).contentType(ContentType.JSON)
                .body(Map.of("error_code", "INTERNAL_ERROR", "msg", "try later"))
                .post("/_emulator/agent_ingresses/" + id + "/certificate/fail").then().statusCode(200);
        two.api(0, token).get(COLLECTION + "/" + id).then().statusCode(200)
                .body("certificate_management_status.provisioning_job.error_code", equalTo("INTERNAL_ERROR"))
                .body("certificate_management_status.provisioning_job.msg", equalTo("try later"));

        String renews = two.authorized(0, token).post("/_emulator/agent_ingresses/" + id + "/certificate/issue")
                .then().statusCode(200).body("certificate_management_status.provisioning_job", nullValue())
                .extract().path("certificate_management_status.renews_at");
        two.api(1, token).get(COLLECTION + "/" + id).then().statusCode(200)
                .body("certificate_management_status.provisioning_job", nullValue())
                .body("certificate_management_status.renews_at", equalTo(renews));
    }

    // ---------------------------------------------------------------- the rate limit

    /**
     * The stated tolerance: none within one window. An account gets exactly {@code limit} requests from its first one
     * until the window has passed, whichever instances take them (README, "Several instances").
     */
    @Test
    void theRateLimitCountsAnAccountsRequestsOnBothInstancesTogether() {
        try (TwoInstances limited = TwoInstances.start("--emulator.rate-limit.enabled=true",
                "--emulator.rate-limit.limit=" + RATE_LIMIT, "--emulator.rate-limit.window=1m")) {
            int allowed = 0;
            Response refused = null;
            for (int i = 0; i < 4 * RATE_LIMIT && refused == null; i++) {
                Response response = limited.api(i % 2, token).get(COLLECTION);
                if (response.statusCode() == 429) {
                    refused = response;
                } else {
                    assertThat(response.statusCode()).isEqualTo(200);
                    allowed++;
                }
            }

            assertThat(allowed).isEqualTo(RATE_LIMIT);
            assertThat(refused).isNotNull();
            assertThat(refused.<String>path("error_code")).isEqualTo("ERR_NGROK_226");
            limited.api(0, token).get(COLLECTION).then().statusCode(429);
            limited.api(1, token).get(COLLECTION).then().statusCode(429);
            limited.api(1, Unique.token()).get(COLLECTION).then().statusCode(200);
        }
    }

    // ---------------------------------------------------------------- helpers

    private Response create(int instance) {
        return two.api(instance, token).contentType(ContentType.JSON).body(Map.of("domain", Unique.domain("shared")))
                .post(COLLECTION);
    }

    private String addRule(int instance, Map<String, Object> rule) {
        return control(instance).contentType(ContentType.JSON).body(rule).post(FAULTS).then().statusCode(201)
                .extract().path("id");
    }

    private RequestSpecification control(int instance) {
        return two.authorized(instance, token);
    }

    private static RequestSpecification operator(int instance) {
        return two.authorized(instance, ADMIN);
    }
}
