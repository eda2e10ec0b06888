package dev.agentingress.emulator.agentingress;

import static dev.agentingress.emulator.support.NgrokErrorAssert.assertThatNgrokError;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import dev.agentingress.emulator.support.ApiIntegrationTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * In memory mode the rows live in the heap, so at most {@code emulator.memory.max-ingresses} are stored, every account
 * together (3 here); the durable and PostgreSQL modes keep rows outside the heap and have no such bound.
 */
@TestPropertySource(properties = {"emulator.memory.max-ingresses=3",
        "emulator.admin-token=" + MemoryModeCapacityIntegrationTests.ADMIN,
        // memory mode by definition, also in the suite's PostgreSQL pass
        "spring.datasource.url=jdbc:h2:mem:memory-capacity;DB_CLOSE_DELAY=-1"})
class MemoryModeCapacityIntegrationTests extends ApiIntegrationTest {

    static final String ADMIN = "operator-secret-0123456789";
    private static final String LIMIT_MSG = "This emulator is limited to 3 agent ingresses in memory (setting "
            + "emulator.memory.max-ingresses, environment variable EMULATOR_MEMORY_MAX_INGRESSES). Delete some, raise "
            + "the setting along with the heap (-Xmx), or use the durable or PostgreSQL mode.";

    private String other;

    @BeforeEach
    void twoAccountsStoreTwoIngresses() {
        authorized(ADMIN).post("/_emulator/admin/reset").then().statusCode(200);
        other = newToken();
        createIngress(uniqueDomain());
        createIngress(other, Map.of("domain", uniqueDomain()));
    }

    @Test
    void aCreateBeyondTheCapIsRefusedNamingTheSetting() {
        createIngress(uniqueDomain());

        Response refused = apiJson(Map.of("domain", uniqueDomain())).post("/agent_ingresses");

        assertThatNgrokError(refused).isNgrokEnvelope().hasStatus(400).hasMessage(LIMIT_MSG);
        api().get("/agent_ingresses").then().body("ingresses", hasSize(2));
    }

    @Test
    void anInvalidCreateAtTheCapIsStillAnsweredWithItsOwnError() {
        createIngress(uniqueDomain());

        assertThatNgrokError(apiJson(Map.of("domain", "not a domain")).post("/agent_ingresses")).isNgrokEnvelope()
                .hasStatus(400).hasCode("ERR_NGROK_6704");
    }

    @Test
    void anImportThatWouldPassTheCapStoresNothing() {
        authorized(token).contentType(ContentType.JSON)
                .body(Map.of("ingresses", List.of(Map.of("domain", uniqueDomain()), Map.of("domain", uniqueDomain()))))
                .post("/_emulator/agent_ingresses")
                .then().statusCode(400).body("msg", equalTo(LIMIT_MSG));

        api().get("/agent_ingresses").then().body("ingresses", hasSize(1));
    }

    @Test
    void aDeleteFreesAPlace() {
        String id = createIngress(uniqueDomain());
        api().delete("/agent_ingresses/" + id).then().statusCode(204);

        createIngress(uniqueDomain());
    }

    /** An H2 file keeps its rows on disk, with a bounded cache: no cap. */
    @Nested
    @TestPropertySource(
            properties = "spring.datasource.url=jdbc:h2:file:./target/memory-cap-test/${random.uuid};DB_CLOSE_ON_EXIT=FALSE")
    class InDurableMode {

        @BeforeEach
        void threeMore() {
            createIngress(uniqueDomain());
            createIngress(uniqueDomain());
            createIngress(uniqueDomain());
        }

        @Test
        void theCapDoesNotApply() {
            createIngress(uniqueDomain());
        }
    }
}
