package dev.agentingress.emulator.ui;

import java.io.IOException;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.agentingress.emulator.api.PathKind;
import io.swagger.v3.oas.annotations.Hidden;

/**
 * Serves the dashboard's three files. They are read from the jar when asked for, not at start-up, so that a server
 * nobody opens the page of pays nothing for it. Off with {@code emulator.ui.enabled=false}: the paths are then
 * unknown, a 404 in ngrok's envelope like any other.
 */
@Hidden
@RestController
@ConditionalOnBooleanProperty(name = "emulator.ui.enabled", matchIfMissing = true)
class DashboardController {

    /**
     * Only this origin's script, style and fetches, nothing inline (everything the page shows from users is text, and
     * this is the second line should that ever slip), no framing of the page by another site.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'";

    private static final MediaType JAVASCRIPT = MediaType.parseMediaType("text/javascript;charset=UTF-8");
    private static final MediaType CSS = MediaType.parseMediaType("text/css;charset=UTF-8");

    @GetMapping({PathKind.DASHBOARD_PATH, PathKind.DASHBOARD_PATH + "/"})
    ResponseEntity<byte[]> page() throws IOException {
        return file("index.html", MediaType.parseMediaType("text/html;charset=UTF-8"));
    }

    @GetMapping(PathKind.DASHBOARD_PATH + "/dashboard.js")
    ResponseEntity<byte[]> script() throws IOException {
        return file("dashboard.js", JAVASCRIPT);
    }

    @GetMapping(PathKind.DASHBOARD_PATH + "/dashboard.css")
    ResponseEntity<byte[]> style() throws IOException {
        return file("dashboard.css", CSS);
    }

    private static ResponseEntity<byte[]> file(String name, MediaType type) throws IOException {
        return ResponseEntity.ok()
                .contentType(type)
                // the page changes with the emulator's version; a browser asks again rather than run an old script
                .cacheControl(CacheControl.noCache())
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                // the page's address is all a Referer would carry, but other sites have no need of it
                .header("Referrer-Policy", "no-referrer")
                .header("Cross-Origin-Opener-Policy", "same-origin")
                .body(new ClassPathResource("dashboard/" + name).getContentAsByteArray());
    }
}
