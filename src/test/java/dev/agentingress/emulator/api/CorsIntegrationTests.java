package dev.agentingress.emulator.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import dev.agentingress.emulator.support.ApiIntegrationTest;
import io.restassured.http.Header;
import io.restassured.response.Response;

/**
 * Who gets a CORS grant: ngrok's API and the account controls, for any real origin; nobody for {@code Origin: null};
 * nobody on the operator's controls. ngrok's own grant, header by header, is checked in
 * {@link NgrokRequestChecksIntegrationTests}.
 */
@TestPropertySource(properties = "emulator.admin-token=" + CorsIntegrationTests.ADMIN_TOKEN)
class CorsIntegrationTests extends ApiIntegrationTest {

    static final String ADMIN_TOKEN = "admin-token-for-cors-tests";
    private static final String ORIGIN = "https://app.example.com";

    @Test
    void ngroksApiGrantsARealOrigin() {
        assertGranted(preflight("/agent_ingresses", "POST"));
        assertGranted(
                api().header("Origin", ORIGIN).get("/agent_ingresses").then().statusCode(200).extract().response());
    }

    @Test
    void ngroksApiGrantsNothingToTheNullOrigin() {
        Response preflight = anonymous().header("Origin", "null").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization").options("/agent_ingresses");
        Response request = api().header("Origin", "null").get("/agent_ingresses");

        assertNoCorsHeaders(preflight);
        request.then().statusCode(200);
        assertNoCorsHeaders(request);
    }

    @Test
    void accountControlsGrantARealOriginAsTheApiDoes() {
        assertGranted(preflight("/_emulator/reset", "POST"));
        Response request = authorized(token).header("Origin", ORIGIN).get("/_emulator/journal");

        request.then().statusCode(200);
        assertGranted(request);
    }

    @Test
    void accountControlsGrantNothingToTheNullOrigin() {
        Response request = authorized(token).header("Origin", "null").get("/_emulator/journal");

        request.then().statusCode(200);
        assertNoCorsHeaders(request);
    }

    @Test
    void operatorControlsAnswerAPreflightWithoutAGrant() {
        Response preflight = anonymous().header("Origin", ORIGIN).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization").options("/_emulator/admin/reset");

        assertNoCorsHeaders(preflight);
    }

    @Test
    void operatorControlsAnswerWithoutCorsHeadersEvenWithTheAdminToken() {
        Response request = authorized(ADMIN_TOKEN).header("Origin", ORIGIN).delete("/_emulator/admin/clock");

        request.then().statusCode(204);
        assertNoCorsHeaders(request);
    }

    /** Spring matches routes on decoded segments, so this reaches the operator's handler. */
    @Test
    void anEncodedPathToTheOperatorControlsGetsNoGrantEither() {
        Response request = authorized(ADMIN_TOKEN).urlEncodingEnabled(false).header("Origin", ORIGIN)
                .delete("/_emulator/%61dmin/clock");

        request.then().statusCode(204);
        assertNoCorsHeaders(request);
    }

    private Response preflight(String path, String method) {
        Response response = anonymous().header("Origin", ORIGIN).header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", "authorization").options(path);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return response;
    }

    private static void assertGranted(Response response) {
        assertThat(response.getHeader("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(response.getHeader("Access-Control-Allow-Credentials")).isEqualTo("true");
    }

    private static void assertNoCorsHeaders(Response response) {
        assertThat(response.getHeaders().asList()).extracting(Header::getName)
                .noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
    }
}
