package dev.agentingress.emulator.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import dev.agentingress.emulator.support.ApiIntegrationTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Which error a request with more than one problem gets, for the checks around the handler: the body is read before
 * the query string is judged (spec §9.4.1: content type and body, then validation), the operator's token before the
 * query string, the query string before the resource is looked up, and an injected fault before all of them. The
 * filters' own order (route, key, version, content type) is pinned in {@link NgrokRequestChecksIntegrationTests}.
 */
@TestPropertySource(properties = "emulator.admin-token=" + OrderOfChecksIntegrationTests.ADMIN)
class OrderOfChecksIntegrationTests extends ApiIntegrationTest {

    /** The operator token of the clock tests, so both share one application context. */
    static final String ADMIN = "operator-secret-0123456789";
    private static final String UNKNOWN_ID = "agin_2fmnypjq2RAXIuNjjqzRmI3T7zy";
    private static final String OPERATOR_REFUSAL = "This control acts on every account: authenticate with the admin "
            + "token";

    @Test
    void anUnparsableCreateBodyIsReportedBeforeAnUnknownQueryParameter() {
        json(api(), "{").post("/agent_ingresses?colour=red").then().statusCode(400)
                .body("error_code", equalTo("ERR_NGROK_213"));
    }

    @Test
    void anUnknownBodyFieldIsReportedBeforeAnUnknownQueryParameterAndBeforeExistence() {
        json(api(), "{\"domain\":\"x.acme.com\"}").patch("/agent_ingresses/" + UNKNOWN_ID + "?colour=red").then()
                .statusCode(400).body("error_code", equalTo("ERR_NGROK_214"));
    }

    @Test
    void aBadValueInTheBodyIsReportedBeforeARepeatedQueryParameter() {
        json(api(), "{\"domain\":42}").post("/agent_ingresses?x=1&x=2").then().statusCode(400)
                .body("error_code", equalTo("ERR_NGROK_215"));
    }

    @Test
    void anUnknownQueryParameterIsReportedBeforeDomainValidation() {
        json(api(), "{\"domain\":\"not a domain\"}").post("/agent_ingresses?colour=red").then().statusCode(400)
                .body("error_code", equalTo("ERR_NGROK_231"));
    }

    @Test
    void anUnknownQueryParameterIsReportedBeforeAMissingResource() {
        api().get("/agent_ingresses/" + UNKNOWN_ID + "?colour=red").then().statusCode(400)
                .body("error_code", equalTo("ERR_NGROK_231"));
        api().delete("/agent_ingresses/" + UNKNOWN_ID + "?colour=red").then().statusCode(400)
                .body("error_code", equalTo("ERR_NGROK_231"));
    }

    @Test
    void anUnknownListParameterIsReportedBeforeAMalformedBeforeIdOrLimit() {
        api().get("/agent_ingresses?before_id=nope&limit=0&colour=red").then().statusCode(400)
                .body("error_code", equalTo("ERR_NGROK_231"));
        api().get("/agent_ingresses?before_id=nope&limit=0").then().statusCode(400)
                .body("error_code", equalTo("ERR_NGROK_223"));
    }

    @Test
    void anInjectedFaultComesBeforeTheQueryAndTheBody() {
        json(api(), "{").header("Ngrok-Emulator-Fault", "status=503").post("/agent_ingresses?colour=red").then()
                .statusCode(503);
    }

    @Test
    void aControlsBodyIsReportedBeforeItsQuery() {
        json(control(token), "{").post("/_emulator/faults?colour=red").then().statusCode(400)
                .body("error_code", equalTo("ERR_NGROK_213"));
        json(control(token), "{\"by\":7}").post("/_emulator/clock/advance?colour=red").then().statusCode(400)
                .body("error_code", equalTo("ERR_NGROK_215"));
    }

    @Test
    void aControlsQueryIsReportedBeforeAMissingResource() {
        control(token).delete("/_emulator/faults/nope?colour=red").then().statusCode(400)
                .body("error_code", equalTo("ERR_NGROK_231"));
        control(token).post("/_emulator/agent_ingresses/" + UNKNOWN_ID + "/certificate/issue?colour=red").then()
                .statusCode(400).body("error_code", equalTo("ERR_NGROK_231"));
    }

    @Test
    void anOperatorControlChecksTheTokenBeforeTheQuery() {
        control(token).post("/_emulator/admin/reset?colour=red").then().statusCode(403)
                .body("msg", startsWith(OPERATOR_REFUSAL));
        control(token).delete("/_emulator/admin/clock?colour=red").then().statusCode(403)
                .body("msg", startsWith(OPERATOR_REFUSAL));
        control(ADMIN).delete("/_emulator/admin/clock?colour=red").then().statusCode(400)
                .body("error_code", equalTo("ERR_NGROK_231"));
    }

    @Test
    void anOperatorControlChecksTheTokenBeforeItReadsTheBody() {
        json(control(token), "{").post("/_emulator/admin/clock/freeze?colour=red").then().statusCode(403)
                .body("msg", startsWith(OPERATOR_REFUSAL));
        json(control(token), "{\"by\":\"soon\"}").post("/_emulator/admin/clock/advance?colour=red").then()
                .statusCode(403).body("msg", startsWith(OPERATOR_REFUSAL));
    }

    @Test
    void aControlReadsTheValuesOfItsBodyBeforeTheQuery() {
        // as ngrok's own operations do: the body is read (and its values typed) before the query string is judged
        json(control(ADMIN), "{\"by\":\"soon\"}").post("/_emulator/admin/clock/advance?colour=red").then()
                .statusCode(400).body("error_code", equalTo("ERR_NGROK_215"));
        json(control(token), "{\"by\":\"soon\"}").post("/_emulator/clock/advance?colour=red").then()
                .statusCode(400).body("error_code", equalTo("ERR_NGROK_215"));
        json(control(ADMIN), "{\"by\":\"PT1S\"}").post("/_emulator/admin/clock/advance?colour=red").then()
                .statusCode(400).body("error_code", equalTo("ERR_NGROK_231"));
    }

    private RequestSpecification control(String bearerToken) {
        return anonymous().header("Authorization", "Bearer " + bearerToken);
    }

    private static RequestSpecification json(RequestSpecification request, String body) {
        return request.contentType(ContentType.JSON).body(body);
    }
}
