package dev.agentingress.emulator.ui;

import static dev.agentingress.emulator.support.NgrokErrorAssert.assertThatNgrokError;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.agentingress.emulator.support.ApiIntegrationTest;
import io.restassured.response.Response;

/**
 * The dashboard's files as a browser fetches them: without a key or ngrok's headers, with the headers that keep the
 * page to its own origin, and with the same 404 as any unknown path where no file is.
 */
class DashboardPageIntegrationTests extends ApiIntegrationTest {

    @Test
    void thePageIsServedWithoutAKeyAndWithItsSecurityHeaders() {
        Response page = anonymous().get("/_emulator/ui");

        page.then().statusCode(200).contentType("text/html;charset=UTF-8");
        assertThat(page.header("Content-Security-Policy"))
                .contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "object-src 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.header("Set-Cookie")).isNull();
        // the page loads its script as a file, never inline
        assertThat(page.asString()).contains("<script type=\"module\" src=\"/_emulator/ui/dashboard.js\"></script>")
                .doesNotContainPattern("<script>|<script type=\"module\">|\\son[a-z]+=");
    }

    @Test
    void theScriptAndStyleSheetAreServedWithTheirTypes() {
        Response script = anonymous().get("/_emulator/ui/dashboard.js");
        script.then().statusCode(200).contentType("text/javascript;charset=UTF-8");
        assertThat(script.header("Content-Security-Policy")).contains("default-src 'self'");
        anonymous().get("/_emulator/ui/dashboard.css").then().statusCode(200).contentType("text/css;charset=UTF-8");
    }

    @Test
    void anotherPathUnderThePageIsNgroksNotFound() {
        Response response = anonymous().get("/_emulator/ui/nothing.js");

        assertThatNgrokError(response).isNgrokEnvelope().hasStatus(404);
    }
}
