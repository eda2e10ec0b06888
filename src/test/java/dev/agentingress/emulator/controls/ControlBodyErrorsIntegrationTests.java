package dev.agentingress.emulator.controls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.agentingress.emulator.support.ApiIntegrationTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A control's body it cannot take is answered in ngrok's envelope with ngrok's code for the fault, but with the
 * emulator's own message: the field by its wire name, what it takes, and the section of this project's documentation
 * of the control, never ngrok's API reference.
 */
class ControlBodyErrorsIntegrationTests extends ApiIntegrationTest {

    private static final String DURATION =
            "an ISO-8601 duration such as PT1H, or a number and a unit (ms, s, m, h or d)"
                    + " such as 90s or 2d";
    private static final String TIME = "an RFC 3339 time such as 2025-09-04T10:11:37Z";
    private static final String CLOCK_DOCS = " See docs/controls.md#clock.";
    private static final String FAULT_DOCS = " See docs/controls.md#fault-rules.";
    private static final String CERTIFICATE_DOCS = " See docs/controls.md#certificates.";

    @Test
    void anAdvanceByWordsSaysTheDurationFormats() {
        Response response = control(Map.of("by", "1 hour")).post("/_emulator/clock/advance");

        assertControlError(response, "ERR_NGROK_215", "'by' must be " + DURATION + ", not '1 hour'." + CLOCK_DOCS);
        api().get("/_emulator/clock").then().body("frozen", org.hamcrest.Matchers.equalTo(false));
    }

    @Test
    void anAdvanceWithoutByIsRequiredAndSaysTheFormats() {
        Response response = control(Map.of()).post("/_emulator/clock/advance");

        assertControlError(response, "ERR_NGROK_215", "'by' is required: it must be " + DURATION + "." + CLOCK_DOCS);
    }

    @Test
    void anAdvanceByANumberIsNoDuration() {
        Response response = control(Map.of("by", 90)).post("/_emulator/clock/advance");

        assertControlError(response, "ERR_NGROK_215", "'by' must be " + DURATION + ", not a number." + CLOCK_DOCS);
    }

    @Test
    void everyDurationFormAcceptedBeforeIsStillAccepted() {
        for (String by : List.of("PT1H", "-PT30M", "P2D", "90s", "2d", "500ms", "10m", "1h", "1500")) {
            control(Map.of("by", by)).post("/_emulator/clock/advance").then().statusCode(200);
        }
    }

    @Test
    void aFreezeAtWordsSaysTheTimeFormat() {
        Response response = control(Map.of("at", "yesterday")).post("/_emulator/clock/freeze");

        assertControlError(response, "ERR_NGROK_215", "'at' must be " + TIME + ", not 'yesterday'." + CLOCK_DOCS);
    }

    @Test
    void aFreezeAtAnEpochNumberIsNoTime() {
        Response response = control(Map.of("at", 1757000000)).post("/_emulator/clock/freeze");

        assertControlError(response, "ERR_NGROK_215", "'at' must be " + TIME + ", not a number." + CLOCK_DOCS);
    }

    @Test
    void aFreezeAtATimeWithAnOffsetIsAcceptedAsBefore() {
        control(Map.of("at", "2025-09-04T12:11:37+02:00")).post("/_emulator/clock/freeze").then().statusCode(200)
                .body("now", org.hamcrest.Matchers.equalTo("2025-09-04T10:11:37Z"));
    }

    @Test
    void aFaultStatusOutOfRangeSaysTheRange() {
        Response response = control(Map.of("operation", "*", "status", 700)).post("/_emulator/faults");

        assertControlError(response, "ERR_NGROK_215",
                "'status' must be an HTTP error status from 400 to 599, not 700." + FAULT_DOCS);
    }

    @Test
    void aFaultLatencyOverTheBoundSaysTheRange() {
        Response response = control(Map.of("operation", "*", "latency_ms", 60001)).post("/_emulator/faults");

        assertControlError(response, "ERR_NGROK_215",
                "'latency_ms' must be a number of milliseconds from 0 to 60000, not 60001." + FAULT_DOCS);
    }

    @Test
    void aFaultErrorCodeWithOtherCharactersSaysWhichItTakes() {
        Response response = control(Map.of("operation", "*", "status", 503, "error_code", "ERR-1"))
                .post("/_emulator/faults");

        assertControlError(response, "ERR_NGROK_215", "'error_code' must be letters, digits and underscores (at most "
                + "64), such as ERR_NGROK_226, not 'ERR-1'." + FAULT_DOCS);
    }

    @Test
    void aFaultProbabilityAboveOneSaysTheRange() {
        Response response = control(Map.of("operation", "*", "status", 503, "probability", 1.5))
                .post("/_emulator/faults");

        assertControlError(response, "ERR_NGROK_215", "'probability' must be a number from 0 to 1, not 1.5."
                + FAULT_DOCS);
    }

    @Test
    void aFaultTimesOfZeroSaysTheMinimum() {
        Response response = control(Map.of("operation", "*", "status", 503, "times", 0)).post("/_emulator/faults");

        assertControlError(response, "ERR_NGROK_215", "'times' must be a whole number of at least 1, not 0."
                + FAULT_DOCS);
    }

    @Test
    void aFaultStatusAsTextIsNoNumber() {
        Response response = control(Map.of("operation", "*", "status", "503")).post("/_emulator/faults");

        assertControlError(response, "ERR_NGROK_215", "'status' must be a whole number, not a string." + FAULT_DOCS);
    }

    @Test
    void anUnknownFaultFieldListsTheFieldsItTakes() {
        Response response = control(Map.of("operation", "*", "status", 503, "chance", 1)).post("/_emulator/faults");

        assertControlError(response, "ERR_NGROK_214", "'chance' is not a field of this control; its fields are "
                + "error_code, latency_ms, operation, probability, status, times." + FAULT_DOCS);
    }

    @Test
    void aFaultBodyThatIsNoJsonPointsToTheControlsDocs() {
        Response response = control("{\"operation\":").post("/_emulator/faults");

        assertControlError(response, "ERR_NGROK_213", null);
        assertThat(response.jsonPath().getString("msg")).startsWith("The '")
                .endsWith("' request body could not be read: this control takes a JSON object." + FAULT_DOCS);
    }

    @Test
    void aCertificateFailureCodeNgrokHasNotListsNgroksTwo() {
        String id = managedIngress();

        Response response = control(Map.of("error_code", "FLAKY"))
                .post("/_emulator/agent_ingresses/" + id + "/certificate/fail");

        assertControlError(response, "ERR_NGROK_215", "'error_code' must be one of DNS_ERROR, INTERNAL_ERROR, not "
                + "'FLAKY'." + CERTIFICATE_DOCS);
    }

    @Test
    void aCertificateFailureMessageTooLongSaysTheLimit() {
        String id = managedIngress();

        Response response = control(Map.of("msg", "m".repeat(256)))
                .post("/_emulator/agent_ingresses/" + id + "/certificate/fail");

        assertControlError(response, "ERR_NGROK_215", "'msg' must be at most 255 characters, not a text of 256 "
                + "characters." + CERTIFICATE_DOCS);
    }

    @Test
    void anImportedTimeThatIsNoTimeSaysTheFormat() {
        Response response = control(Map.of("ingresses", List.of(Map.of("domain", uniqueDomain(),
                "created_at", "yesterday")))).post("/_emulator/agent_ingresses");

        assertControlError(response, "ERR_NGROK_215", "'ingresses.0.created_at' must be " + TIME
                + ", not 'yesterday'. See docs/controls.md#export-and-import.");
    }

    @Test
    void ngroksOwnOperationsKeepNgroksMessage() {
        Response response = apiJson(Map.of("domain", 5)).post("/agent_ingresses");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.jsonPath().getString("msg")).isEqualTo("The value provided for the request parameter "
                + "'domain' is invalid. Check your API client implementation and review the API documentation: "
                + "https://ngrok.com/docs/api-reference/.");
    }

    /** A control request as the account, with a JSON body and no {@code Ngrok-Version}, which controls do not need. */
    private RequestSpecification control(Object body) {
        return anonymous().header("Authorization", "Bearer " + token).contentType(ContentType.JSON).body(body);
    }

    private String managedIngress() {
        return createIngress(token, Map.of("domain", uniqueDomain(), "certificate_management_policy", Map.of()));
    }

    /** ngrok's envelope, exactly: a 400, the code, the message (when given), and only the operation ID in details. */
    private static void assertControlError(Response response, String errorCode, String msg) {
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/json");
        Map<String, Object> body = json(response);
        assertThat(body).containsOnlyKeys("error_code", "status_code", "msg", "details")
                .containsEntry("error_code", errorCode).containsEntry("status_code", 400);
        assertThat(response.jsonPath().getMap("details")).containsOnlyKeys("operation_id");
        assertThat(response.jsonPath().getString("details.operation_id")).startsWith("op_");
        assertThat(response.jsonPath().getString("msg")).doesNotContain("ngrok.com");
        if (msg != null) {
            assertThat(body).containsEntry("msg", msg);
        }
    }
}
