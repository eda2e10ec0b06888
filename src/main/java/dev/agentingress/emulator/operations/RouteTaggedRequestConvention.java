package dev.agentingress.emulator.operations;

import org.springframework.boot.micrometer.observation.autoconfigure.ObservationProperties;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerHttpObservationDocumentation.LowCardinalityKeyNames;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerMapping;

import io.micrometer.common.KeyValue;

/**
 * Tags {@code http.server.requests} with the route a request was sent to even when it never reaches a handler. Spring
 * records the route when the dispatcher maps a request; a request refused before that (no key, a bad key, a missing
 * or wrong {@code Ngrok-Version}, the rate limit) would be tagged {@code uri="UNKNOWN"}, hiding which of ngrok's
 * operations clients get wrong. The route check in front of every API request has already matched the route and left
 * it in the request's best-matching-pattern attribute: that is the tag.
 */
@Component
class RouteTaggedRequestConvention extends DefaultServerRequestObservationConvention {

    RouteTaggedRequestConvention(ObservationProperties properties) {
        // the name Boot's own convention would have had, so that management.observations.* still applies
        super(properties.getHttp().getServer().getRequests().getName());
    }

    @Override
    protected KeyValue uri(ServerRequestObservationContext context) {
        if (context.getPathPattern() == null && context.getCarrier() != null
                && context.getCarrier()
                        .getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof String route
                && !route.isEmpty()) {
            return KeyValue.of(LowCardinalityKeyNames.URI, route);
        }
        return super.uri(context);
    }
}
