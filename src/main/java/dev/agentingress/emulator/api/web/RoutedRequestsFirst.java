package dev.agentingress.emulator.api.web;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Asked first by the dispatcher, before the actuator's handler mappings: a request the route check has already matched
 * ({@link RoutedHandlerMapping}) goes straight to that match. Without it, the dispatcher asked the actuator's mappings
 * about every API request first, each searching its routes for a path it can never serve (about 2.5 % of a GET's time
 * in a profile). Every other request is left to the mappings in their usual order.
 */
final class RoutedRequestsFirst implements HandlerMapping, Ordered {

    private final RoutedHandlerMapping routes;

    RoutedRequestsFirst(RoutedHandlerMapping routes) {
        this.routes = routes;
    }

    @Override
    public @Nullable HandlerExecutionChain getHandler(HttpServletRequest request) throws Exception {
        return routes.isRouted(request) ? routes.getHandler(request) : null;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
