package dev.agentingress.emulator.api.web;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.annotation.AnnotatedElementUtils;

import dev.agentingress.emulator.api.AcceptsQuery;
import dev.agentingress.emulator.api.PageParameters;
import dev.agentingress.emulator.api.QueryParameters;

/**
 * The query parameters each handler accepts ({@link AcceptsQuery}, and {@link PageParameters#NAMES} for one that takes
 * page parameters), and the request's query string read against them: once per request, by whichever asks first (the
 * resolver of a {@link QueryParameters} or {@link PageParameters} argument, else {@link CheckingHandlerAdapter}).
 */
final class DeclaredQuery {

    private static final String READ = DeclaredQuery.class.getName() + ".read";

    private final ConcurrentMap<Method, List<String>> accepted = new ConcurrentHashMap<>();

    /** @throws dev.agentingress.emulator.api.error.NgrokException ERR_NGROK_231, 232, or a query that cannot be read */
    QueryParameters read(HttpServletRequest request, Method handler) {
        if (request.getAttribute(READ) instanceof QueryParameters read) {
            return read;
        }
        QueryParameters query = QueryParameters.of(request, acceptedBy(handler));
        request.setAttribute(READ, query);
        return query;
    }

    List<String> acceptedBy(Method handler) {
        return accepted.computeIfAbsent(handler, DeclaredQuery::declaredBy);
    }

    private static List<String> declaredBy(Method handler) {
        List<String> names = new ArrayList<>();
        AcceptsQuery declared = AnnotatedElementUtils.findMergedAnnotation(handler, AcceptsQuery.class);
        if (declared != null) {
            names.addAll(Arrays.asList(declared.value()));
        }
        if (Arrays.asList(handler.getParameterTypes()).contains(PageParameters.class)) {
            names.addAll(PageParameters.NAMES);
        }
        return List.copyOf(names);
    }
}
