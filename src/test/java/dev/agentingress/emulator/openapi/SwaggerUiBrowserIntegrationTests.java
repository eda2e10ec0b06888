package dev.agentingress.emulator.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.agentingress.emulator.support.ApiIntegrationTest;

/**
 * The Swagger UI page as a person sees it: loaded in Debian's headless Chromium, its JavaScript run, and the rendered
 * DOM read back. Without {@code /usr/bin/chromium} the test is skipped, except on CI ({@code CI=true}), which installs
 * the browser and so must fail without it.
 */
class SwaggerUiBrowserIntegrationTests extends ApiIntegrationTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final long BROWSER_TIMEOUT_SECONDS = 90;

    /** Method, path and ngrok's operation ID of each operation the page must list. */
    private static final List<List<String>> OPERATIONS = List.of(
            List.of("POST", "/agent_ingresses", "AgentIngressesCreate"),
            List.of("GET", "/agent_ingresses", "AgentIngressesList"),
            List.of("GET", "/agent_ingresses/{id}", "AgentIngressesGet"),
            List.of("PATCH", "/agent_ingresses/{id}", "AgentIngressesUpdate"),
            List.of("DELETE", "/agent_ingresses/{id}", "AgentIngressesDelete"));

    @TempDir
    Path browserFiles;

    @Test
    void pageListsTheAgentIngressOperations() throws Exception {
        String dom = renderedDom("http://localhost:" + port + "/swagger-ui/index.html");

        assertThat(dom).as("rendered page").contains("Agent Ingress emulator").contains("ngrok API");
        for (List<String> operation : OPERATIONS) {
            String block = operationBlock(dom, operation.get(2));
            assertThat(block).as(operation.get(2))
                    .contains("opblock-summary-method\">" + operation.get(0) + "<")
                    .contains("data-path=\"" + operation.get(1) + "\"");
        }
    }

    /** The summary of one operation as Swagger UI renders it: its element and what follows, up to the next one. */
    private static String operationBlock(String dom, String operationId) {
        Matcher start = Pattern.compile("id=\"operations-[^\"]*-" + operationId + "\"").matcher(dom);
        if (!start.find()) {
            fail("the page does not list " + operationId + "; rendered DOM:\n" + dom);
        }
        int next = dom.indexOf("id=\"operations-", start.end());
        return dom.substring(start.start(), next < 0 ? dom.length() : next);
    }

    /** Runs the browser on the page until its scripts are done (virtual time) and returns the DOM it printed. */
    private String renderedDom(String url) throws IOException, InterruptedException {
        requireChromium();
        Path dom = browserFiles.resolve("dom.html");
        Path log = browserFiles.resolve("chromium.log");
        Process browser = new ProcessBuilder(CHROMIUM.toString(),
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + browserFiles.resolve("profile"),
                "--virtual-time-budget=15000", "--dump-dom", url)
                .redirectOutput(dom.toFile())
                .redirectError(log.toFile())
                .start();
        if (!browser.waitFor(BROWSER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            browser.descendants().forEach(ProcessHandle::destroyForcibly);
            browser.destroyForcibly();
            fail("Chromium did not finish within " + BROWSER_TIMEOUT_SECONDS + " s; its log:\n" + read(log));
        }
        assertThat(browser.exitValue()).as("Chromium's exit status; its log:\n%s", read(log)).isZero();
        return read(dom);
    }

    private static void requireChromium() {
        if (Files.isExecutable(CHROMIUM)) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            fail(CHROMIUM + " is missing on CI: .ci/run installs Debian's chromium package");
        }
        Assumptions.abort(CHROMIUM + " (Debian's chromium package) is missing: the browser test is skipped");
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
