package dev.agentingress.emulator.emulator.journal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

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
import dev.agentingress.emulator.api.EmulatorControls;
import dev.agentingress.emulator.api.NgrokApiFilter;
import dev.agentingress.emulator.api.NgrokOperations;
import dev.agentingress.emulator.api.OperationIdFilter;

/**
 * Records each request to ngrok's API in its account's {@link RequestJournal}. It wraps the API filter, so it sees
 * the account that filter resolved and the final status of everything after it, its own refusals included; requests
 * refused before there is an account (unknown route, bad key) are not recorded, nor the emulator's controls, health
 * and OpenAPI paths, or CORS preflights.
 */
public class RequestJournalFilter extends OncePerRequestFilter {

    /** What an exception that escapes the chain becomes: Tomcat's error dispatch answers it with a 500. */
    private static final int ESCAPED_EXCEPTION_STATUS = 500;

    private final RequestJournal journal;
    private final Clock clock;
    private final Predicate<HttpServletRequest> outsideNgrokApi;
    /** Keyed by method: the handler mapping hands out a fresh {@link HandlerMethod} for every request. */
    private final NgrokOperations operations;

    /** @param outsideNgrokApi paths that are not ngrok's API (health, OpenAPI), never recorded */
    RequestJournalFilter(RequestJournal journal, Clock clock, Predicate<HttpServletRequest> outsideNgrokApi,
            NgrokOperations operations) {
        this.journal = journal;
        this.operations = operations;
        this.clock = clock;
        this.outsideNgrokApi = outsideNgrokApi;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !journal.settings().enabled() || CorsUtils.isPreFlightRequest(request)
                || EmulatorControls.contains(request) || outsideNgrokApi.test(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Instant arrived = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        long started = System.nanoTime();
        int maxBodyBytes = journal.settings().maxBodyBytes();
        CapturedRequest capturedRequest = new CapturedRequest(request, maxBodyBytes);
        ContentCachingResponseWrapper capturedResponse = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(capturedRequest, capturedResponse);
        } catch (IOException | ServletException | RuntimeException e) {
            // the error page is rendered after this filter returns: only its status is known here
            record(capturedRequest, ESCAPED_EXCEPTION_STATUS, new byte[0], arrived, started);
            throw e;
        }
        // recorded before the response leaves, so a client that has its answer finds the request in the journal
        record(capturedRequest, capturedResponse.getStatus(), capturedResponse.getContentAsByteArray(), arrived,
                started);
        capturedResponse.copyBodyToResponse();
    }

    private void record(CapturedRequest request, int status, byte[] responseBody, Instant arrived, long started) {
        Account account = NgrokApiFilter.account(request);
        if (account == null) {
            return;
        }
        request.readRestOfBody();
        int maxBodyBytes = journal.settings().maxBodyBytes();
        Map<String, List<String>> headers = headers(request);
        Map<String, List<String>> keptHeaders = within(headers, journal.settings().maxHeaderBytes());
        journal.record(account, new JournalEntry(
                arrived,
                OperationIdFilter.operationId(request),
                operationName(request),
                request.getMethod(),
                request.getRequestURI(),
                request.getQueryString(),
                status,
                (System.nanoTime() - started) / 1_000_000,
                keptHeaders,
                keptHeaders.size() < headers.size(),
                text(request.getContentAsByteArray(), maxBodyBytes),
                request.truncated(),
                text(responseBody, maxBodyBytes),
                responseBody.length > maxBodyBytes));
    }

    private @Nullable String operationName(HttpServletRequest request) {
        // set by the route check before the API filter runs, so known even for requests that filter refuses
        if (request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) instanceof HandlerMethod handler) {
            return operations.nameOf(handler).orElse(null);
        }
        return null;
    }

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            List<String> values = Collections.list(request.getHeaders(name));
            headers.put(name, isCredential(name) ? values.stream().map(RequestJournalFilter::redacted).toList()
                    : List.copyOf(values));
        }
        return headers;
    }

    private static boolean isCredential(String header) {
        return header.equalsIgnoreCase(HttpHeaders.AUTHORIZATION) || header.equalsIgnoreCase(HttpHeaders.PROXY_AUTHORIZATION);
    }

    /** The scheme stays (it tells Bearer from Basic), the credential goes. */
    private static String redacted(String value) {
        int space = value.indexOf(' ');
        return space > 0 ? value.substring(0, space) + " ***" : "***";
    }

    /**
     * The headers, in order, that fit in {@code maxBytes} of heap; one that would not fit is left out, and the rest
     * still tried. A request's header block may hold a 30 KB header or thousands of tiny ones (each costing the
     * journal more than its text).
     */
    private static Map<String, List<String>> within(Map<String, List<String>> headers, int maxBytes) {
        Map<String, List<String>> kept = new LinkedHashMap<>();
        long bytes = 0;
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            long size = JournalEntry.headerBytes(header.getKey(), header.getValue());
            if (bytes + size <= maxBytes) {
                kept.put(header.getKey(), header.getValue());
                bytes += size;
            }
        }
        return kept;
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
