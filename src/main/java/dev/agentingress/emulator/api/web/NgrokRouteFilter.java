package dev.agentingress.emulator.api.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ServletRequestPathUtils;

import dev.agentingress.emulator.api.PathKind;
import dev.agentingress.emulator.api.error.NgrokErrorWriter;
import dev.agentingress.emulator.api.error.NgrokErrors;

/**
 * ngrok's first check: a path or method it does not route is a plain 404 with the path, before authentication and
 * before CORS. A preflight is checked for the method it asks about, so that CORS is only ever granted for real routes.
 */
class NgrokRouteFilter extends OncePerRequestFilter {

    /** Boot's internal error dispatch path: mapped by a controller, but never one of ngrok's routes. */
    private static final String ERROR_PATH = "/error";

    private final RoutedHandlerMapping routes;
    private final NgrokErrorWriter errors;

    NgrokRouteFilter(RoutedHandlerMapping routes, NgrokErrorWriter errors) {
        this.routes = routes;
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (PathKind.of(request) == PathKind.OUTSIDE) {
            // routed by their own handlers, and none reads a body (health, metrics, the OpenAPI document and page):
            // their Content-Type is hidden, as Spring fails on a wildcard one (*/*) where it finds no handler (a 500)
            chain.doFilter(new WithoutContentType(request), response);
            return;
        }
        HttpServletRequest routed = request.getRequestURI().indexOf(';') >= 0 ? new LiteralSemicolons(request)
                : request;
        if (routed.getRequestURI().equals(ERROR_PATH) || !isRouted(routed)) {
            errors.write(NgrokErrors.routeNotFound(request.getRequestURI()), request, response);
            return;
        }
        chain.doFilter(routed, response);
    }

    private boolean isRouted(HttpServletRequest request) {
        boolean preflight = CorsUtils.isPreFlightRequest(request);
        HttpServletRequest lookup = preflight ? new AskedForRequest(request) : request;
        ServletRequestPathUtils.parseAndCache(lookup);
        try {
            // a preflight's match is for the method it asks about, not for the request the dispatcher will see
            return routes.route(lookup, !preflight) != null;
        } catch (HttpRequestMethodNotSupportedException e) {
            return false;
        } catch (Exception e) {
            // any other mismatch (media types, parameters) is the handler's to report, so the route exists
            return true;
        } finally {
            ServletRequestPathUtils.clearParsedRequestPath(lookup);
        }
    }

    /**
     * A path whose semicolons are part of its segments, as they are to ngrok's router. Spring would read
     * {@code agin_…;x=1} as the ID {@code agin_…} with a matrix parameter, and answer for that ingress; escaped, the
     * semicolon stays in the ID, which then names no ingress (404), and in the path, which then names no route.
     */
    private static final class LiteralSemicolons extends HttpServletRequestWrapper {

        private final String requestUri;

        LiteralSemicolons(HttpServletRequest request) {
            super(request);
            this.requestUri = request.getRequestURI().replace(";", "%3B");
        }

        @Override
        public String getRequestURI() {
            return requestUri;
        }
    }

    /** A preflight seen as the request it asks permission for, so the route lookup matches on that method. */
    private static final class AskedForRequest extends HttpServletRequestWrapper {

        AskedForRequest(HttpServletRequest preflight) {
            super(preflight);
        }

        @Override
        public String getMethod() {
            return super.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD);
        }

        @Override
        public @Nullable String getHeader(String name) {
            return HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD.equalsIgnoreCase(name) ? null : super.getHeader(name);
        }
    }
}
