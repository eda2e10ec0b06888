package dev.agentingress.emulator.controls.journal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ContentCachingRequestWrapper;
import org.springframework.web.util.ContentCachingResponseWrapper;

import dev.agentingress.emulator.api.Account;
import dev.agentingress.emulator.api.AsyncHandoff;
import dev.agentingress.emulator.api.NgrokOperations;
import dev.agentingress.emulator.api.PathKind;
import dev.agentingress.emulator.api.RequestAccount;
import dev.agentingress.emulator.api.error.OperationId;

/**
 * Records each request to ngrok's API in its account's {@link RequestJournal}. It wraps the API filter, so it sees
 * the account that filter resolved and the final status of everything after it, its own refusals included; requests
 * refused before there is an account (unknown route, bad key) are not recorded, nor the emulator's controls, health
 * and OpenAPI paths, or CORS preflights.
 */
class RequestJournalFilter extends OncePerRequestFilter {

    private static final String CAPTURE = RequestJournalFilter.class.getName() + ".capture";
    /** What an exception that escapes the chain becomes: Tomcat's error dispatch answers it with a 500. */
    private static final int ESCAPED_EXCEPTION_STATUS = 500;
    /** Headers that carry credentials, redacted whatever {@code emulator.journal.redact-headers} adds. */
    private static final List<String> CREDENTIAL_HEADERS = List.of(HttpHeaders.AUTHORIZATION,
            HttpHeaders.PROXY_AUTHORIZATION, HttpHeaders.COOKIE, HttpHeaders.SET_COOKIE, "X-Api-Key");
    /** Redacted to their scheme, which tells Bearer from Basic; the others' values go whole. */
    private static final Set<String> SCHEME_KEPT = caseInsensitive(
            Stream.of(HttpHeaders.AUTHORIZATION, HttpHeaders.PROXY_AUTHORIZATION));

    private final RequestJournal journal;
    private final Clock clock;
    /** ngrok's name for the handler's operation, which the journal records beside each request. */
    private final NgrokOperations operations;
    /** Case-insensitive: a client may send any spelling of a header's name. */
    private final Set<String> redactedHeaders;

    RequestJournalFilter(RequestJournal journal, Clock clock, NgrokOperations operations) {
        this.journal = journal;
        this.operations = operations;
        this.clock = clock;
        this.redactedHeaders =
                caseInsensitive(
                        Stream.concat(CREDENTIAL_HEADERS.stream(), journal.settings().redactHeaders().stream()));
    }

    /** Looked up without lower-casing each name a request sends. */
    private static Set<String> caseInsensitive(Stream<String> names) {
        return Collections.unmodifiableSet(
                names.collect(Collectors.toCollection(() -> new TreeSet<>(String.CASE_INSENSITIVE_ORDER))));
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !journal.settings().enabled() || CorsUtils.isPreFlightRequest(request)
                || PathKind.of(request) != PathKind.NGROK_API;
    }

    /** Runs again when a parked request resumes ({@link AsyncHandoff}), to record it once it is answered. */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Capture capture = (Capture) request.getAttribute(CAPTURE);
        boolean resumed = capture != null;
        if (capture == null) {
            capture = new Capture(new CapturedRequest(request, journal.settings().maxBodyBytes()),
                    new ContentCachingResponseWrapper(response), clock.instant().truncatedTo(ChronoUnit.MILLIS),
                    System.nanoTime());
            request.setAttribute(CAPTURE, capture);
        }
        try {
            // a resumed request comes back already wrapped in the capture of its first pass
            chain.doFilter(resumed ? request : capture.request(), resumed ? response : capture.response());
        } catch (IOException | ServletException | RuntimeException e) {
            // the error page is rendered after this filter returns: only its status is known here
            record(capture, ESCAPED_EXCEPTION_STATUS, new byte[0], 0);
            throw e;
        }
        if (AsyncHandoff.isParked(request)) {
            // recorded by the pass that resumes it, or here if it is answered without one
            Capture parked = capture;
            AsyncHandoff.beforeAnswerHere(request, () -> recordAndSend(parked));
            return;
        }
        recordAndSend(capture);
    }

    /** Recorded before the response leaves, so a client that has its answer finds the request in the journal. */
    private void recordAndSend(Capture capture) {
        ContentCachingResponseWrapper response = capture.response();
        int maxBodyBytes = journal.settings().maxBodyBytes();
        try {
            // only the part the journal keeps: a list of 100 large rows is over a MiB, which a full copy would double
            record(capture, response.getStatus(), response.getContentInputStream().readNBytes(maxBodyBytes),
                    response.getContentSize());
        } catch (IOException e) {
            throw new IllegalStateException("reading a buffer in memory", e);
        }
        try {
            capture.response().copyBodyToResponse();
        } catch (IOException e) {
            // the client went away before its answer
        }
    }

    /** What one request's recording needs, kept across the passes of a parked request. */
    private record Capture(CapturedRequest request, ContentCachingResponseWrapper response, Instant arrived,
            long started) {
    }

    /**
     * @param responseBody the start of the response body, at most {@code max-body-bytes} of its {@code responseSize}
     */
    private void record(Capture capture, int status, byte[] responseBody, int responseSize) {
        CapturedRequest request = capture.request();
        Account account = RequestAccount.of(request);
        if (account == null) {
            return;
        }
        request.readRestOfBody();
        int maxBodyBytes = journal.settings().maxBodyBytes();
        KeptHeaders headers = keptHeaders(request);
        journal.record(account, new JournalEntry(
                capture.arrived(),
                OperationId.of(request),
                operationName(request),
                request.getMethod(),
                request.getRequestURI(),
                request.getQueryString(),
                status,
                (System.nanoTime() - capture.started()) / 1_000_000,
                headers.headers(),
                headers.truncated(),
                text(request.getContentAsByteArray(), maxBodyBytes),
                request.truncated(),
                text(responseBody, maxBodyBytes),
                responseSize > maxBodyBytes));
    }

    private @Nullable String operationName(HttpServletRequest request) {
        // set by the route check before the API filter runs, so known even for requests that filter refuses
        if (request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) instanceof HandlerMethod handler) {
            return operations.nameOf(handler).orElse(null);
        }
        return null;
    }

    /**
     * The request's headers, in order and redacted, that fit in {@code max-header-bytes} of heap; one that would not
     * fit is left out, and the rest still tried. A request's header block may hold a 30 KB header or thousands of tiny
     * ones (each costing the journal more than its text).
     */
    private KeptHeaders keptHeaders(HttpServletRequest request) {
        int maxBytes = journal.settings().maxHeaderBytes();
        Map<String, List<String>> kept = new LinkedHashMap<>();
        boolean truncated = false;
        long bytes = 0;
        for (Enumeration<String> names = request.getHeaderNames(); names.hasMoreElements();) {
            String name = names.nextElement();
            List<String> values = values(name, request.getHeaders(name));
            long size = JournalEntry.headerBytes(name, values);
            if (bytes + size <= maxBytes) {
                kept.put(name, values);
                bytes += size;
            } else {
                truncated = true;
            }
        }
        return new KeptHeaders(kept, truncated);
    }

    private record KeptHeaders(Map<String, List<String>> headers, boolean truncated) {
    }

    private List<String> values(String name, Enumeration<String> sent) {
        boolean redact = redactedHeaders.contains(name);
        String first = sent.hasMoreElements() ? sent.nextElement() : "";
        if (!sent.hasMoreElements()) {
            // nearly every header has one value
            return List.of(redact ? redacted(name, first) : first);
        }
        List<String> values = new ArrayList<>();
        values.add(redact ? redacted(name, first) : first);
        while (sent.hasMoreElements()) {
            String value = sent.nextElement();
            values.add(redact ? redacted(name, value) : value);
        }
        return List.copyOf(values);
    }

    private static String redacted(String name, String value) {
        int space = value.indexOf(' ');
        return SCHEME_KEPT.contains(name) && space > 0 ? value.substring(0, space) + " ***" : "***";
    }

    private static String text(byte[] body, int maxBytes) {
        // a cut inside a multi-byte character decodes to one replacement character, which is fine for a log
        return new String(body, 0, Math.min(body.length, maxBytes), StandardCharsets.UTF_8);
    }

    /** Keeps the first bytes of the body as it is read, and whether there were more. */
    private static final class CapturedRequest extends ContentCachingRequestWrapper {

        private boolean truncated;

        CapturedRequest(HttpServletRequest request, int maxBodyBytes) {
            super(request, maxBodyBytes);
        }

        @Override
        protected void handleContentOverflow(int contentCacheLimit) {
            truncated = true;
        }

        boolean truncated() {
            return truncated;
        }

        private boolean hasUnreadBody() {
            boolean declared = getContentLengthLong() > 0 || getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
            return declared && !truncated && getContentLengthLong() != getContentAsByteArray().length;
        }

        /**
         * A request refused before its body was read (without {@code Ngrok-Version}, say) still shows what it sent:
         * the rest is read here, up to just past the cap.
         */
        void readRestOfBody() {
            if (!hasUnreadBody()) {
                return;
            }
            try {
                ServletInputStream body = getInputStream();
                byte[] buffer = new byte[8192];
                while (!truncated && body.read(buffer) != -1) {
                    // the caching stream keeps what is read
                }
            } catch (IOException | IllegalStateException e) {
                // the client went away or the body was read another way: what was kept stays
            }
        }
    }
}
