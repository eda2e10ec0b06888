package dev.agentingress.emulator.controls;

import static dev.agentingress.emulator.support.NgrokErrorAssert.assertThatNgrokError;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.agentingress.emulator.support.ApiIntegrationTest;
import io.restassured.response.Response;

/**
 * A control's query error keeps ngrok's code and wording but points to the control's section of this project's
 * documentation, not to ngrok's API reference; ngrok's own operations keep ngrok's pointer.
 */
class ControlQueryErrorsIntegrationTests extends ApiIntegrationTest {

    private static final String NGROK_REFERENCE = "https://ngrok.com/docs/api-reference/";

    @Test
    void anUnknownParameterOfAControlPointsToItsSection() {
        Response journal = api().get("/_emulator/journal?colour=red");
        assertThatNgrokError(journal).isNgrokEnvelope().hasStatus(400).hasCode("ERR_NGROK_231")
                .hasMessageContaining("unknown parameters: 'colour'", "See docs/controls.md#request-journal.");
        assertThat(journal.jsonPath().getString("msg")).doesNotContain(NGROK_REFERENCE);

        Response reset = api().post("/_emulator/reset?colour=red");
        assertThatNgrokError(reset).hasStatus(400).hasCode("ERR_NGROK_231")
                .hasMessageContaining("See docs/controls.md#reset.");
        assertThat(reset.jsonPath().getString("msg")).doesNotContain(NGROK_REFERENCE);

        Response clock = api().get("/_emulator/clock?at=now&at=later");
        assertThatNgrokError(clock).hasStatus(400).hasCode("ERR_NGROK_231")
                .hasMessageContaining("See docs/controls.md#clock.");
    }

    @Test
    void aRepeatedParameterOfAControlPointsToItsSection() {
        Response journal = api().get("/_emulator/journal?limit=1&limit=2");
        assertThatNgrokError(journal).hasStatus(400).hasCode("ERR_NGROK_232")
                .hasMessageContaining("See docs/controls.md#request-journal.");
        assertThat(journal.jsonPath().getString("msg")).doesNotContain(NGROK_REFERENCE);
    }

    @Test
    void ngrokOperationsKeepNgroksPointer() {
        Response list = api().get("/agent_ingresses?colour=red");
        assertThatNgrokError(list).hasStatus(400).hasCode("ERR_NGROK_231").hasMessageContaining(NGROK_REFERENCE);
    }
}
