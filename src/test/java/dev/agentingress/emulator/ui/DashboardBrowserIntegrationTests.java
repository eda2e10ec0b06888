package dev.agentingress.emulator.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import io.restassured.http.ContentType;

/**
 * The dashboard as a person uses it, in a real headless Chromium against the server on a random port: every action
 * goes through the page, and what it shows is checked against what the API answers.
 */
class DashboardBrowserIntegrationTests extends DashboardBrowserTest {

    @BeforeEach
    void signIn() {
        signInWith(token);
    }

    @Test
    void anIngressCreatedInThePageShowsInTheTableAndTheJournal() {
        String domain = uniqueDomain();
        browser.type("create-domain", domain);
        browser.type("create-description", "Staging connect URL");
        browser.type("create-metadata", "{\"team\":\"edge\"}");
        browser.choose("create-policy", "Let's Encrypt, ECDSA key");
        browser.click("create-submit");

        String id = browser.waitForText("detail-id", "agin_");
        assertThat(api().get("/agent_ingresses/" + id).then().statusCode(200).extract().<String>path("domain"))
                .isEqualTo(domain);
        WebElement row = browser.byId("ingresses-body").findElement(By.cssSelector("tr[data-id='" + id + "']"));
        assertThat(row.getText()).contains(domain, "Staging connect URL", "provisioning");
        assertThat(browser.byId("detail-json").getText()).contains("\"domain\": \"" + domain + "\"");
        browser.screenshot("dashboard-ingresses");

        browser.click("tab-journal");
        browser.waitForText("journal-list", "POST");
        WebElement entry = journalEntry("AgentIngressesCreate");
        assertThat(entry.getText()).contains("/agent_ingresses", "201");
        entry.findElement(By.tagName("summary")).click();
        String details = entry.getText();
        assertThat(details)
                .contains("\"domain\": \"" + domain + "\"")
                .contains("\"id\": \"" + id + "\"")
                .contains("Bearer ***")
                .doesNotContain(token);
        String operationId = entry.findElement(By.className("operation-id")).getText();
        assertThat(operationId).startsWith("op_");
        browser.screenshot("dashboard-journal");

        // the key went in a header only: never in the address, never in a cookie
        assertThat(browser.driver.getCurrentUrl()).doesNotContain(token);
        assertThat(browser.script("return document.cookie")).isEqualTo("");
    }

    @Test
    void aFilterTheApiRefusesShowsTheApisWords() {
        String filter = "obj.domain ==";
        String apiWords = api().queryParam("filter", filter).get("/agent_ingresses")
                .then().statusCode(400).extract().path("msg");

        browser.type("filter", filter);
        browser.click("filter-submit");

        assertThat(browser.waitForText("ingresses-error", apiWords)).startsWith(apiWords);
    }

    @Test
    void aFilterNarrowsTheTable() {
        String kept = createIngress(uniqueDomain());
        String other = createIngress(uniqueDomain());
        String keptDomain = api().get("/agent_ingresses/" + kept).then().extract().path("domain");

        browser.type("filter", "obj.domain == '" + keptDomain + "'");
        browser.click("filter-submit");

        browser.waitUntil(driver -> rowIds().equals(List.of(kept)));
        assertThat(rowIds()).doesNotContain(other);
    }

    @Test
    void aFrozenClockIsTheCreatedAtOfANewIngress() {
        browser.click("tab-clock");
        browser.type("freeze-at", "2025-09-04T10:11:37Z");
        browser.click("freeze-submit");
        browser.waitForText("clock-now", "2025-09-04T10:11:37Z");
        assertThat(browser.byId("clock-state").getText()).isEqualTo("Frozen at");

        browser.type("advance-by", "PT1H");
        browser.click("advance-submit");
        browser.waitForText("clock-now", "2025-09-04T11:11:37Z");

        browser.click("tab-ingresses");
        browser.type("create-domain", uniqueDomain());
        browser.click("create-submit");
        String id = browser.waitForText("detail-id", "agin_");
        WebElement row = browser.byId("ingresses-body").findElement(By.cssSelector("tr[data-id='" + id + "']"));
        assertThat(row.getText()).contains("2025-09-04T11:11:37Z");

        browser.click("tab-clock");
        browser.click("clock-real");
        browser.waitForText("clock-state", "Running");
        assertThat(authorized(token).get("/_emulator/clock").then().extract().<Boolean>path("frozen")).isFalse();
    }

    @Test
    void aFaultRuleForOneCallFailsTheNextCreateAndTheJournalShowsIt() {
        browser.click("tab-clock");
        browser.choose("fault-operation", "AgentIngressesCreate");
        browser.type("fault-status", "503");
        browser.type("fault-times", "1");
        browser.click("fault-submit");
        browser.waitForText("faults-body", "AgentIngressesCreate");
        assertThat(browser.byId("faults-body").getText()).contains("503", "1");
        browser.screenshot("dashboard-clock-and-faults");

        browser.click("tab-ingresses");
        browser.type("create-domain", uniqueDomain());
        browser.click("create-submit");
        assertThat(browser.waitForText("create-error", "Injected fault")).contains("503 Service Unavailable");

        browser.click("tab-journal");
        browser.choose("journal-status", "5xx");
        browser.waitUntil(driver -> journalEntries().size() == 1);
        assertThat(journalEntries().get(0).getText()).contains("POST", "/agent_ingresses", "503",
                "AgentIngressesCreate");

        browser.click("tab-clock");
        browser.waitUntil(driver -> browser.byId("faults-empty").isDisplayed());
    }

    @Test
    void deleteAsksFirstAndRemovesTheRow() {
        String id = createIngress(uniqueDomain());
        browser.click("ingresses-refresh");
        browser.waitUntil(driver -> rowIds().contains(id));

        browser.byId("ingresses-body").findElement(By.cssSelector("tr[data-id='" + id + "'] button")).click();
        browser.waitForText("detail-id", id);
        browser.click("delete-ingress");
        browser.acceptConfirmation();

        browser.waitUntil(driver -> !rowIds().contains(id));
        api().get("/agent_ingresses/" + id).then().statusCode(404);
    }

    @Test
    void resetAsksFirstAndSaysWhatWent() {
        createIngress(uniqueDomain());
        createIngress(uniqueDomain());

        browser.click("tab-data");
        // the two creates, and the lists the page made
        int journalled = authorized(token).get("/_emulator/journal").then().extract().<List<?>>path("requests").size();
        browser.click("reset");
        browser.acceptConfirmation();

        assertThat(browser.waitForText("data-result", "Reset")).isEqualTo(
                "Reset: deleted 2 ingresses, " + journalled + " journal entries and 0 fault rules.");
        assertThat(api().get("/agent_ingresses").then().extract().<List<?>>path("ingresses")).isEmpty();
    }

    @Test
    void anExportDownloadedFromThePageImportsBack() throws Exception {
        String id = createIngress(uniqueDomain());

        browser.click("tab-data");
        browser.click("export");
        browser.waitForText("data-result", "Exported 1 ingresses");
        Path file = browser.downloads.resolve("agent-ingresses.json");
        browser.waitUntil(driver -> Files.isRegularFile(file));
        browser.screenshot("dashboard-data");
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).contains("\"id\": \"" + id + "\"");

        api().delete("/agent_ingresses/" + id).then().statusCode(204);
        browser.byId("import-file").sendKeys(file.toString());
        browser.click("import-submit");
        browser.waitUntil(driver -> !browser.byId("data-result").getText().isEmpty()
                || !browser.byId("data-error").getText().isEmpty());

        assertThat(browser.byId("data-error").getText()).isEmpty();
        assertThat(browser.byId("data-result").getText()).isEqualTo("Imported 1, skipped 0 already there.");
        api().get("/agent_ingresses/" + id).then().statusCode(200);
        Files.delete(file);
    }

    @Test
    void aRefusedKeyIsNotSignedIn() {
        browser.click("sign-out");
        browser.type("api-key", "has space");
        browser.click("sign-in-submit");

        String apiWords = anonymous().header("Authorization", "Bearer has space").get("/_emulator/clock")
                .then().extract().path("msg");
        assertThat(browser.waitForText("sign-in-error", apiWords)).startsWith(apiWords);
        assertThat(browser.byId("tabs").isDisplayed()).isFalse();
        assertThat(browser.script("return sessionStorage.length")).isEqualTo(0L);
    }

    @Test
    void thePageKeepsToItsContentSecurityPolicy() {
        browser.click("tab-journal");
        browser.click("tab-clock");
        browser.click("tab-ingresses");

        assertThat(browser.consoleEntries()).as("the browser's console")
                .noneMatch(entry -> entry.getMessage().contains("Content Security Policy")
                        || entry.getMessage().contains("Uncaught"));
    }

    /**
     * Markup in every field a user writes, and in the bodies the journal keeps, is shown as the text it is: no element
     * is made of it and none of its handlers runs. The page's Content-Security-Policy would block an inline handler
     * anyway, so the test counts the elements too: text turned into markup would show there even when blocked.
     */
    @Test
    void markupFromUsersIsShownAsTextAndNothingRuns() {
        String image = "<img src=x onerror=\"window.pwned=(window.pwned||0)+1;document.title='pwned'\">";
        String script = "<script>window.pwned=1;document.title='pwned'</script>";
        String id = createIngress(token, Map.of("domain", uniqueDomain(), "description", image, "metadata", script));
        // a refused create, whose body and error the journal keeps too
        api().contentType(ContentType.JSON).body(Map.of("domain", image, "description", script))
                .post("/agent_ingresses").then().statusCode(400);

        browser.click("ingresses-refresh");
        browser.waitUntil(driver -> rowIds().contains(id));
        assertThat(browser.byId("ingresses-body").getText()).contains(image);
        browser.byId("ingresses-body").findElement(By.cssSelector("tr[data-id='" + id + "'] button")).click();
        browser.waitForText("detail-json", id);
        assertThat(browser.byId("edit-metadata").getDomProperty("value")).isEqualTo(script);
        browser.type("filter", image);
        browser.click("filter-submit");
        browser.waitForText("ingresses-error", "Invalid CEL query");
        browser.type("create-domain", script);
        browser.click("create-submit");
        browser.waitUntil(driver -> !browser.byId("create-error").getText().isEmpty());

        browser.click("tab-journal");
        browser.waitUntil(driver -> journalEntries().size() >= 3);
        for (WebElement entry : journalEntries()) {
            entry.findElement(By.tagName("summary")).click();
        }
        // in the bodies as JSON has them: the image's quotes escaped
        assertThat(browser.byId("journal-list").getText()).contains("<img src=x onerror=", script);
        browser.click("tab-clock");
        browser.type("freeze-at", image);
        browser.click("freeze-submit");
        browser.waitUntil(driver -> !browser.byId("clock-error").getText().isEmpty());

        assertThat(browser.script("return window.pwned === undefined")).isEqualTo(true);
        assertThat(browser.driver.getTitle()).isEqualTo("Agent Ingress emulator");
        assertThat(browser.script("return document.images.length")).isEqualTo(0L);
        assertThat(browser.script("return document.scripts.length")).as("the page's own module only").isEqualTo(1L);
    }

    private WebElement journalEntry(String operation) {
        return journalEntries().stream().filter(entry -> entry.getText().contains(operation)).findFirst()
                .orElseThrow(() -> new AssertionError("no journal entry of " + operation));
    }

    private List<WebElement> journalEntries() {
        return browser.byId("journal-list").findElements(By.tagName("li"));
    }

    /** Read in one script, as the table may be redrawn between two reads of its rows. */
    @SuppressWarnings("unchecked")
    private List<String> rowIds() {
        return (List<String>) browser.script(
                "return [...document.querySelectorAll('#ingresses-body tr')].map(row => row.dataset.id)");
    }
}
