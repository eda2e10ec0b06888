package dev.agentingress.emulator.ui;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

import dev.agentingress.emulator.support.ApiIntegrationTest;

/** One browser for a test class (starting Chromium takes seconds), signed in afresh by each test. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DashboardBrowserTest extends ApiIntegrationTest {

    @TempDir
    static Path browserFiles;

    Browser browser;

    @BeforeAll
    void startBrowser() {
        browser = Browser.start(browserFiles);
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    /** Opens the page with nothing of an earlier test in the tab's session storage, and signs in with the key. */
    void signInWith(String key) {
        String page = "http://localhost:" + port + "/_emulator/ui";
        browser.open(page);
        browser.script("sessionStorage.clear()");
        browser.open(page);
        browser.type("api-key", key);
        browser.click("sign-in-submit");
        browser.waitUntil(driver -> driver.findElement(By.id("tabs")).isDisplayed()
                && !driver.findElement(By.id("view-sign-in")).isDisplayed());
    }
}
