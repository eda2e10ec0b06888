package dev.agentingress.emulator.api.web;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.agentingress.emulator.api.Account;
import dev.agentingress.emulator.api.AccountResolver;
import dev.agentingress.emulator.api.PathKind;
import dev.agentingress.emulator.api.RequestAccount;
import dev.agentingress.emulator.api.error.NgrokErrorWriter;
import dev.agentingress.emulator.api.error.NgrokErrors;
import dev.agentingress.emulator.api.error.NgrokException;
import dev.agentingress.emulator.config.EmulatorProperties;

/**
 * ngrok's checks that follow the route check ({@link NgrokRouteFilter}) and come before any handler, in ngrok's
 * order: authentication, API version, rate limit, content type and body size. What fails gets ngrok's envelope from
 * {@link NgrokErrorWriter}; the filter runs outside Spring MVC, so the exception handler cannot reach it. The account
 * it resolves is kept with the request ({@link RequestAccount}).
 */
class NgrokApiFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(NgrokApiFilter.class);
    /** Lenient mode warns once per distinct version; past this many, a client sending noise cannot grow the set. */
    private static final int MAX_WARNED_VERSIONS = 100;

    private final AccountResolver accounts;
    private final NgrokErrorWriter errors;
    private final EmulatorProperties.VersionHeader versionHeader;
    private final ApiRateLimiter rateLimiter;
    private final ConcurrentRequestLimit concurrency;
    private final BodyLimit bodyLimit;
    private final Set<String> warnedVersions = ConcurrentHashMap.newKeySet();

    NgrokApiFilter(AccountResolver accounts, NgrokErrorWriter errors, EmulatorProperties.VersionHeader versionHeader,
            ApiRateLimiter rateLimiter, ConcurrentRequestLimit concurrency, BodyLimit bodyLimit) {
        this.accounts = accounts;
        this.errors = errors;
        this.versionHeader = versionHeader;
        this.rateLimiter = rateLimiter;
        this.concurrency = concurrency;
        this.bodyLimit = bodyLimit;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return CorsUtils.isPreFlightRequest(request) || PathKind.of(request) == PathKind.OUTSIDE;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Account account;
        boolean control = PathKind.of(request) == PathKind.CONTROLS;
        long maxBodyBytes = bodyLimit.of(request);
        try {
            account = accounts.resolve(BearerToken.from(request.getHeader(HttpHeaders.AUTHORIZATION)));
            RequestAccount.set(request, account);
            if (!control) {
                checkVersion(request.getHeader("Ngrok-Version"));
                rateLimiter.check(account);
            }
            checkBody(request, control, maxBodyBytes);
            if (!concurrency.tryStart(account)) {
                throw NgrokErrors.tooManyConcurrentRequests(concurrency.max());
            }
        } catch (NgrokException e) {
            errors.write(e, request, response);
            return;
        }
        HttpServletRequest checked = control && !hasBody(request)
                ? new WithoutContentType(request) : request;
        try {
            chain.doFilter(new SizeLimitedRequest(checked, maxBodyBytes), response);
        } finally {
            concurrency.finish(account);
        }
    }

    private void checkVersion(@Nullable String version) {
        if (versionHeader == EmulatorProperties.VersionHeader.LENIENT) {
            warnOnce(version);
            return;
        }
        if (version == null || version.isBlank()) {
            throw NgrokErrors.missingVersion();
        }
        if (!version.trim().equals(NgrokErrors.SUPPORTED_VERSIONS)) {
            throw NgrokErrors.unsupportedVersion(version);
        }
    }

    /** Lenient mode takes any version; each one ngrok would refuse is logged once, so the client can be fixed. */
    private void warnOnce(@Nullable String version) {
        String seen = version == null || version.isBlank() ? "" : version.trim();
        if (seen.equals(NgrokErrors.SUPPORTED_VERSIONS) || warnedVersions.size() >= MAX_WARNED_VERSIONS
                || !warnedVersions.add(seen)) {
            return;
        }
        if (seen.isEmpty()) {
            log.warn("Accepted a request without Ngrok-Version (emulator.version-header=lenient); ngrok would answer "
                    + "400 ERR_NGROK_218: send Ngrok-Version: {}", NgrokErrors.SUPPORTED_VERSIONS);
        } else {
            log.warn("Accepted Ngrok-Version '{}' (emulator.version-header=lenient); ngrok would answer 400 "
                    + "ERR_NGROK_217: send Ngrok-Version: {}", seen.length() > 64 ? seen.substring(0, 64) + "…" : seen,
                    NgrokErrors.SUPPORTED_VERSIONS);
        }
    }

    static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }

    /** The emulator's own controls take POSTs without a body (e.g. a reset); ngrok's API always wants one. */
    private static void checkBody(HttpServletRequest request, boolean control, long maxBodyBytes) {
        boolean hasBody = hasBody(request);
        String method = request.getMethod();
        boolean takesBody = method.equals("POST") || method.equals("PATCH");
        if (takesBody && (hasBody || !control)) {
            checkJsonContentType(request.getContentType());
        } else if (!takesBody && hasBody) {
            // a Content-Type without a body is ignored: the TypeScript client sends one on every request
            throw NgrokErrors.unexpectedBody(method);
        }
        if (request.getContentLengthLong() > maxBodyBytes) {
            throw NgrokErrors.bodyTooLarge(maxBodyBytes);
        }
    }

    private static void checkJsonContentType(@Nullable String contentType) {
        if (contentType == null || contentType.isBlank()) {
            throw NgrokErrors.missingContentType();
        }
        try {
            MediaType mediaType = MediaType.parseMediaType(contentType);
            if (!mediaType.getType().equals("application") || !mediaType.getSubtype().equals("json")) {
                throw NgrokErrors.unsupportedContentType(contentType);
            }
        } catch (InvalidMediaTypeException e) {
            throw NgrokErrors.unsupportedContentType(contentType);
        }
    }
}
