package dev.agentingress.emulator;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.agentingress.emulator.support.TwoInstances;
import dev.agentingress.emulator.support.Unique;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The scale-out story: two emulator instances on one PostgreSQL behave as one emulator. Runs in the PostgreSQL run
 * (see the {@code postgresql} Maven profile), where {@code spring.datasource.url} names the server.
 */
@EnabledIfSystemProperty(named = "spring.datasource.url", matches = "jdbc:postgresql:.*")
class TwoInstancesOnOnePostgresIntegrationTests {

    private static TwoInstances two;

    private final String token = Unique.token();

    @BeforeAll
    static void startTwoInstances() {
        two = TwoInstances.start();
    }

    @AfterAll
    static void stopThem() {
        two.close();
    }

    @Test
    void anIngressCreatedThroughOneInstanceIsReadAndListedThroughTheOther() {
        String domain = Unique.domain("two");
        String created = api(0).contentType(ContentType.JSON).body(Map.of("domain", domain, "description", "one"))
                .post("/agent_ingresses").then().statusCode(201).extract().asString();
        String id = io.restassured.path.json.JsonPath.from(created).getString("id");

        api(1).get("/agent_ingresses/" + id).then().statusCode(200).body(org.hamcrest.Matchers.equalTo(created));
        List<String> listed = api(1).get("/agent_ingresses").then().statusCode(200).extract().path("ingresses.id");
        assertThat(listed).containsExactly(id);
    }

    @Test
    void idsFromBothInstancesListInCreationOrder() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int instance = i % 2;
            created.add(api(instance).contentType(ContentType.JSON).body(Map.of("domain", Unique.domain("two")))
                    .post("/agent_ingresses").then().statusCode(201).extract().path("id"));
        }
        List<String> listed = api(0).get("/agent_ingresses").then().statusCode(200).extract().path("ingresses.id");
        java.util.Collections.reverse(created);
        assertThat(listed).containsExactlyElementsOf(created);
    }

    @Test
    void racingCreatesOfOneDomainThroughBothInstancesGiveExactlyOne201() throws Exception {
        for (int round = 0; round < 3; round++) {
            String domain = Unique.domain("two");
            int racers = 12;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(racers);
            try {
                List<Future<Response>> results = new ArrayList<>();
                for (int i = 0; i < racers; i++) {
                    int instance = i % 2;
                    String racer = Unique.token();
                    results.add(pool.submit(() -> {
                        start.await();
                        return api(instance, racer).contentType(ContentType.JSON).body(Map.of("domain", domain))
                                .post("/agent_ingresses");
                    }));
                }
                start.countDown();
                int created = 0;
                for (Future<Response> result : results) {
                    Response response = result.get(30, TimeUnit.SECONDS);
                    if (response.statusCode() == 201) {
                        created++;
                    } else {
                        assertThat(response.statusCode()).isEqualTo(400);
                        assertThat(response.<String>path("error_code")).isEqualTo("ERR_NGROK_6706");
                    }
                }
                assertThat(created).as("201s for %s", domain).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private RequestSpecification api(int instance) {
        return two.api(instance, token);
    }

    private static RequestSpecification api(int instance, String bearer) {
        return two.api(instance, bearer);
    }
}
