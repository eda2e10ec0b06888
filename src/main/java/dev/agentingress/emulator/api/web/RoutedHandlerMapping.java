package dev.agentingress.emulator.api.web;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import dev.agentingress.emulator.api.PathKind;

/**
 * Spring MVC's handler mapping, looked up once per request instead of twice. The route check ({@link NgrokRouteFilter})
 * has to find the handler before authentication, and the dispatcher would then search every mapping again: for a path
 * with a variable ({@code /agent_ingresses/{id}}) that is a match against each route, much of Spring MVC's 18 % of a
 * GET's time in a profile (docs/performance.md). The route check's match is kept with the request, with the attributes
 * the match set, and the dispatcher's lookup takes it when it is for the same request: the same method and path, on
 * the request's own dispatch. Every other lookup (an error or async dispatch, a forward, a request the route check did
 * not see) searches as before. A search asks first only the routes of the path's first segment
 * ({@link RoutesByFirstSegment}).
 */
final class RoutedHandlerMapping extends RequestMappingHandlerMapping {

    private static final Set<MediaType> JSON = Set.of(MediaType.APPLICATION_JSON);
    private static final String ROUTED = RoutedHandlerMapping.class.getName() + ".routed";
    /** What a match leaves on the request for the handler's arguments, the response and the metrics' route tag. */
    private static final String[] MATCH_ATTRIBUTES = {BEST_MATCHING_HANDLER_ATTRIBUTE,
            PATH_WITHIN_HANDLER_MAPPING_ATTRIBUTE, BEST_MATCHING_PATTERN_ATTRIBUTE, URI_TEMPLATE_VARIABLES_ATTRIBUTE,
            MATRIX_VARIABLES_ATTRIBUTE, PRODUCIBLE_MEDIA_TYPES_ATTRIBUTE};

    /** Made once the routes are registered, and again if one is added or removed later. */
    private volatile @Nullable RoutesByFirstSegment routes;

    /**
     * The route check's lookup: the handler, or null where no route matches the path; throws as the dispatcher's lookup
     * does (e.g. {@link org.springframework.web.HttpRequestMethodNotSupportedException} for a method the path does not
     * take). With {@code keep}, a match is kept for the dispatcher. The request's path must be parsed.
     */
    @Nullable
    HandlerMethod route(HttpServletRequest request, boolean keep) throws Exception {
        HandlerMethod handler = getHandlerInternal(request);
        if (handler != null && keep) {
            @Nullable
            Object[] values = new Object[MATCH_ATTRIBUTES.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = request.getAttribute(MATCH_ATTRIBUTES[i]);
            }
            request.setAttribute(ROUTED, new Routed(handler, request.getMethod(), initLookupPath(request), values));
        }
        return handler;
    }

    /** Whether the route check kept a match for the dispatcher ({@link RoutedRequestsFirst}). */
    boolean isRouted(HttpServletRequest request) {
        return request.getAttribute(ROUTED) != null;
    }

    @Override
    public void afterPropertiesSet() {
        super.afterPropertiesSet();
        this.routes = new RoutesByFirstSegment(getHandlerMethods());
    }

    @Override
    public void registerMapping(RequestMappingInfo mapping, Object handler, Method method) {
        super.registerMapping(mapping, handler, method);
        this.routes = new RoutesByFirstSegment(getHandlerMethods());
    }

    @Override
    public void unregisterMapping(RequestMappingInfo mapping) {
        super.unregisterMapping(mapping);
        this.routes = new RoutesByFirstSegment(getHandlerMethods());
    }

    @Override
    protected @Nullable HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request)
            throws Exception {
        if (request.getAttribute(ROUTED) instanceof Routed routed) {
            request.removeAttribute(ROUTED);
            if (request.getDispatcherType() == DispatcherType.REQUEST && routed.method().equals(request.getMethod())
                    && routed.lookupPath().equals(lookupPath)) {
                for (int i = 0; i < MATCH_ATTRIBUTES.length; i++) {
                    Object value = routed.attributes()[i];
                    if (value == null) {
                        request.removeAttribute(MATCH_ATTRIBUTES[i]);
                    } else {
                        request.setAttribute(MATCH_ATTRIBUTES[i], value);
                    }
                }
                return routed.handler();
            }
        }
        HandlerMethod onlyMatch = onlyMatch(lookupPath, request);
        return onlyMatch != null ? onlyMatch : super.lookupHandlerMethod(lookupPath, request);
    }

    /**
     * The handler of the one route that matches, asking only the routes that share the path's first segment; null if
     * none or several match, which Spring's search of every route then decides (the best of several, or the 404, 405 or
     * 415 of none). A route outside that group cannot match, so one match there is the one match of all routes, which
     * Spring would take as it is; the attributes are set as it sets them.
     */
    private @Nullable HandlerMethod onlyMatch(String lookupPath, HttpServletRequest request) {
        RoutesByFirstSegment index = this.routes;
        List<RoutesByFirstSegment.Route> candidates = index == null ? null : index.candidates(lookupPath);
        if (candidates == null) {
            return null;
        }
        RequestMappingInfo matched = null;
        HandlerMethod handler = null;
        for (RoutesByFirstSegment.Route route : candidates) {
            RequestMappingInfo match = getMatchingMapping(route.info(), request);
            if (match != null) {
                if (matched != null) {
                    return null;
                }
                matched = match;
                handler = route.handler();
            }
        }
        if (matched == null) {
            return null;
        }
        request.setAttribute(BEST_MATCHING_HANDLER_ATTRIBUTE, handler);
        handleMatch(matched, lookupPath, request);
        return handler;
    }

    /**
     * ngrok's operations answer JSON whatever the request accepts (see {@link ApiWebConfiguration}): named here, so
     * that writing a response does not ask every message converter which media types it could write.
     */
    @Override
    protected void handleMatch(RequestMappingInfo info, String lookupPath, HttpServletRequest request) {
        super.handleMatch(info, lookupPath, request);
        if (info.getProducesCondition().isEmpty() && request.getDispatcherType() == DispatcherType.REQUEST
                && PathKind.of(request) == PathKind.NGROK_API) {
            request.setAttribute(PRODUCIBLE_MEDIA_TYPES_ATTRIBUTE, JSON);
        }
    }

    private record Routed(HandlerMethod handler, String method, String lookupPath, @Nullable Object[] attributes) {
    }
}
