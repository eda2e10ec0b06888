package dev.agentingress.emulator.api;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * ngrok's checks that follow the route check ({@link NgrokRouteFilter}) and come before any handler, in ngrok's
 * order: authentication, API version, content type and body size. What fails gets ngrok's envelope from
 * {@link NgrokErrorWriter}; the filter runs outside Spring MVC, so the exception handler cannot reach it. The account
 * it resolves is left in a request attribute for {@link AccountArgumentResolver}.
 */
public class NgrokApiFilter extends OncePerRequestFilter {

    public static final long MAX_BODY_BYTES = 1024 * 1024;
    static final String ACCOUNT_ATTRIBUTE = NgrokApiFilter.class.getName() + ".account";

    private final AccountResolver accounts;
    private final NgrokErrorWriter errors;

    public NgrokApiFilter(AccountResolver accounts, NgrokErrorWriter errors) {
        this.accounts = accounts;
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return CorsUtils.isPreFlightRequest(request) || OutsideNgrokApi.contains(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            request.setAttribute(ACCOUNT_ATTRIBUTE, accounts.resolve(BearerToken.from(request.getHeader(
                    HttpHeaders.AUTHORIZATION))));
            boolean control = EmulatorControls.contains(request);
            if (!control) {
                checkVersion(request.getHeader("Ngrok-Version"));
            }
            checkBody(request, control);
        } catch (NgrokException e) {
            errors.write(e, request, response);
            return;
        }
        chain.doFilter(new SizeLimitedRequest(request, MAX_BODY_BYTES), response);
    }

    private static void checkVersion(@Nullable String version) {
        if (version == null || version.isBlank()) {
            throw NgrokErrors.missingVersion();
        }
        if (!version.trim().equals(NgrokErrors.SUPPORTED_VERSIONS)) {
            throw NgrokErrors.unsupportedVersion(version);
        }
    }

    /** The emulator's own controls take POSTs without a body (e.g. a reset); ngrok's API always wants one. */
    private static void checkBody(HttpServletRequest request, boolean control) {
        boolean hasBody = request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
        String method = request.getMethod();
        boolean takesBody = method.equals("POST") || method.equals("PATCH");
        if (takesBody && (hasBody || !control)) {
            checkJsonContentType(request.getContentType());
        } else if (!takesBody && hasBody) {
            // a Content-Type without a body is ignored: the TypeScript client sends one on every request
            throw NgrokErrors.unexpectedBody(method);
        }
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            throw NgrokErrors.bodyTooLarge(MAX_BODY_BYTES);
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
