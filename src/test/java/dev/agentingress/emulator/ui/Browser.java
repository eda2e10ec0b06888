package dev.agentingress.emulator.ui;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, found at their fixed paths so that nothing is
 * downloaded. Without them the test is skipped with a note, except on CI ({@code CI=true}), which installs both and so
 * must fail without them.
 */
final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** What the README promises the page works at. */
    static final int WIDTH = 1280;
    private static final int HEIGHT = 860;
    /** A bound on each wait, far above what a page on loopback needs: the machine may be busy. */
    private static final Duration WAIT = Duration.ofSeconds(20);

    final ChromeDriver driver;
    final Path downloads;
    private final WebDriverWait wait;

    private Browser(ChromeDriver driver, Path downloads) {
        this.driver = driver;
        this.downloads = downloads;
        // the page redraws a table or the journal as answers arrive: an element read a moment ago may be gone
        this.wait = new WebDriverWait(driver, WAIT);
        this.wait.ignoring(StaleElementReferenceException.class);
    }

    static Browser start(Path files) {
        requireChromium();
        Path downloads = files.resolve("downloads");
        try {
            Files.createDirectories(downloads);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=" + WIDTH + "," + HEIGHT, "--user-data-dir=" + files.resolve("profile"));
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new Browser(new ChromeDriver(service, options), downloads);
    }

    private static void requireChromium() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            fail(CHROMIUM + " or " + CHROMEDRIVER + " is missing on CI: .ci/run installs Debian's chromium and "
                    + "chromium-driver packages");
        }
        Assumptions.abort(CHROMIUM + " or " + CHROMEDRIVER
                + " (Debian's chromium and chromium-driver packages) is missing: the browser test is skipped");
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement byId(String id) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
    }

    /** Replaces a field's value by typing, as a person would. */
    void type(String id, String text) {
        WebElement field = wait.until(ExpectedConditions.elementToBeClickable(By.id(id)));
        field.clear();
        field.sendKeys(text);
    }

    void click(String id) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    /** Picks the option of a select by its text, which is its value where it has none of its own. */
    void choose(String id, String text) {
        new Select(byId(id)).selectByVisibleText(text);
    }

    /** Waits until the element's text contains the given text, and returns its whole text. */
    String waitForText(String id, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), text));
        return byId(id).getText();
    }

    void waitUntil(Function<WebDriver, Boolean> condition) {
        wait.until(condition::apply);
    }

    void acceptConfirmation() {
        wait.until(ExpectedConditions.alertIsPresent()).accept();
    }

    Object script(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    List<LogEntry> consoleEntries() {
        return driver.manage().logs().get(LogType.BROWSER).getAll();
    }

    /**
     * A PNG of what the window shows, kept in {@code target/dashboard} and, when the build is asked with
     * {@code -Ddashboard.screenshots=docs}, in {@code docs/} for the README.
     */
    void screenshot(String name) {
        File shot = driver.getScreenshotAs(OutputType.FILE);
        try {
            Path target = Path.of("target", "dashboard");
            Files.createDirectories(target);
            Files.copy(shot.toPath(), target.resolve(name + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
            if ("docs".equals(System.getProperty("dashboard.screenshots"))) {
                Files.copy(shot.toPath(), Path.of("docs", name + ".png"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
