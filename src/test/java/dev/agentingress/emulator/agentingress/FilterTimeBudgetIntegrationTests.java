package dev.agentingress.emulator.agentingress;

import static dev.agentingress.emulator.support.NgrokErrorAssert.assertThatNgrokError;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;

import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import dev.agentingress.emulator.support.ApiIntegrationTest;
import io.restassured.http.ContentType;

/** A filtered list that runs past {@code emulator.filter.time-budget} is stopped with a 400 that says what to do. */
@TestPropertySource(properties = "emulator.filter.time-budget=1ms")
class FilterTimeBudgetIntegrationTests extends ApiIntegrationTest {

    @BeforeEach
    void manyIngresses() {
        api().contentType(ContentType.JSON)
                .body(Map.of("ingresses", IntStream.range(0, 1000).mapToObj(i -> Map.of("domain", uniqueDomain()))
                        .toList()))
                .post("/_emulator/agent_ingresses").then().statusCode(200);
    }

    @Test
    void aFilterThatRunsPastTheBudgetIs400InNgroksEnvelope() {
        assertThatNgrokError(api().queryParam("filter", "size(obj.metadata) == 4097")
                .get("/agent_ingresses")).isNgrokEnvelope().hasStatus(400).hasNoCode()
                .hasMessage("The filter took longer than the time budget of 1 ms for one list and was "
                        + "stopped. Use a simpler filter or a lower limit, or raise the budget "
                        + "(emulator.filter.time-budget, EMULATOR_FILTER_TIME_BUDGET).");
    }

    @Test
    void aListWithoutFilterHasNoBudget() {
        api().get("/agent_ingresses").then().statusCode(200).body("ingresses", hasSize(100))
                .body("next_page_uri", containsString("before_id="));
    }
}
