package dev.agentingress.emulator.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** The operator's view, on a server with an admin token: its controls act on every account. */
@TestPropertySource(properties = "emulator.admin-token=" + DashboardOperatorBrowserIntegrationTests.ADMIN_TOKEN)
class DashboardOperatorBrowserIntegrationTests extends DashboardBrowserTest {

    static final String ADMIN_TOKEN = "operator-token-of-the-dashboard-test";

    @Test
    void theOperatorFreezesEveryClockAndResetsEveryAccount() {
        String other = newToken();
        createIngress(other, Map.of("domain", uniqueDomain()));
        signInWith(token);
        browser.click("tab-operator");

        browser.type("admin-token", "not-the-operator-token");
        browser.click("admin-submit");
        browser.type("admin-freeze-at", "2025-09-04T10:11:37Z");
        browser.click("admin-freeze-submit");
        String refused = authorized("not-the-operator-token").contentType("application/json").body("{}")
                .post("/_emulator/admin/clock/freeze").then().statusCode(403).extract().path("msg");
        assertThat(browser.waitForText("admin-error", refused)).startsWith(refused);

        browser.type("admin-token", ADMIN_TOKEN);
        browser.click("admin-submit");
        browser.type("admin-freeze-at", "2025-09-04T10:11:37Z");
        browser.click("admin-freeze-submit");
        browser.waitForText("admin-result", "frozen");
        assertThat(authorized(other).get("/_emulator/clock").then().extract().<String>path("now"))
                .isEqualTo("2025-09-04T10:11:37Z");
        // the overview, loaded again after the freeze, says what the control says
        int ingresses = authorized(ADMIN_TOKEN).get("/_emulator/admin/overview").then().statusCode(200).extract()
                .path("agent_ingresses.count");
        assertThat(ingresses).isPositive();
        browser.waitForText("admin-clock-state", "2025-09-04T10:11:37Z, frozen");
        browser.waitUntil(page -> String.valueOf(ingresses).equals(ingressCount()));
        browser.screenshot("dashboard-operator");

        browser.click("admin-clock-real");
        browser.waitForText("admin-result", "real time");
        assertThat(authorized(other).get("/_emulator/clock").then().extract().<Boolean>path("frozen")).isFalse();

        browser.click("admin-reset");
        browser.acceptConfirmation();
        assertThat(browser.waitForText("admin-result", "Reset every account")).contains("ingresses");
        browser.waitUntil(page -> "0".equals(ingressCount()));
        api(other).get("/agent_ingresses").then().body("ingresses", empty());
        // the admin token is kept in this tab only, like the key, and never in a cookie
        assertThat(browser.script("return document.cookie")).isEqualTo("");
    }

    /** The overview's count of ingresses, every account together, as the page shows it. */
    private Object ingressCount() {
        return browser.script("const cell = document.querySelector('#admin-overview tr:first-child td');"
                + " return cell ? cell.textContent : null;");
    }
}
