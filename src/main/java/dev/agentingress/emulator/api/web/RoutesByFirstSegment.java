package dev.agentingress.emulator.api.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;

/**
 * The handler mapping's routes grouped by the literal first segment of their path patterns, so that a lookup asks only
 * the routes that could match a path (for ngrok's API, the few under {@code /agent_ingresses}) rather than every route
 * of the API, the controls, the dashboard and the documentation. A route whose first segment is not a literal (a
 * variable, a wildcard) is a candidate for every path.
 */
final class RoutesByFirstSegment {

    /** A route and its handler, as the handler mapping registered them. */
    record Route(RequestMappingInfo info, HandlerMethod handler) {
    }

    private final Map<String, List<Route>> byFirstSegment;
    private final List<Route> anyFirstSegment;

    RoutesByFirstSegment(Map<RequestMappingInfo, HandlerMethod> routes) {
        Map<String, List<Route>> grouped = new HashMap<>();
        List<Route> unconstrained = new ArrayList<>();
        routes.forEach((info, handler) -> {
            Route route = new Route(info, handler);
            Set<String> segments = firstSegments(info);
            if (segments == null) {
                unconstrained.add(route);
            } else {
                segments.forEach(segment -> grouped.computeIfAbsent(segment, s -> new ArrayList<>()).add(route));
            }
        });
        grouped.replaceAll((segment, list) -> {
            list.addAll(unconstrained);
            return List.copyOf(list);
        });
        this.byFirstSegment = Map.copyOf(grouped);
        this.anyFirstSegment = List.copyOf(unconstrained);
    }

    /**
     * The routes that could match a lookup path, or null where its first segment is escaped or has matrix parameters:
     * the patterns match decoded segments, so only a search of every route answers for such a path.
     */
    @Nullable
    List<Route> candidates(String lookupPath) {
        String segment = firstSegment(lookupPath);
        if (segment.indexOf('%') >= 0 || segment.indexOf(';') >= 0) {
            return null;
        }
        return byFirstSegment.getOrDefault(segment, anyFirstSegment);
    }

    /**
     * The literal first segments of a route's patterns, each once (a route is a candidate once per path), or null if
     * any of them starts otherwise.
     */
    private static @Nullable Set<String> firstSegments(RequestMappingInfo info) {
        if (info.getPathPatternsCondition() == null) {
            return null;
        }
        Set<String> segments = new LinkedHashSet<>();
        for (String pattern : info.getPathPatternsCondition().getPatternValues()) {
            String segment = firstSegment(pattern);
            if (!pattern.startsWith("/") || segment.isEmpty()
                    || segment.chars().anyMatch(c -> "{}*?%;".indexOf(c) >= 0)) {
                return null;
            }
            segments.add(segment);
        }
        return segments.isEmpty() ? null : segments;
    }

    private static String firstSegment(String path) {
        int start = path.startsWith("/") ? 1 : 0;
        int end = path.indexOf('/', start);
        return path.substring(start, end < 0 ? path.length() : end);
    }
}
