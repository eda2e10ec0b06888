package dev.agentingress.emulator.operations;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.agentingress.emulator.api.error.NgrokErrorWriter;
import dev.agentingress.emulator.api.error.NgrokErrors;

/**
 * Answers a health path that names no component ({@code /actuator/health/nothing}, {@code /actuator/health/db/x}) with
 * ngrok's envelope. Spring Boot 4.0.7 answers some of them 404 with no body, and one below a component that does not
 * exist ({@code /actuator/health/nothing/x}) 500, as its walk of the path fails an assertion. This walks it first, the
 * way Boot does: a group's name may lead, then one component per segment. Declared in
 * {@link UnknownHealthPathConfiguration}, so that web slices without actuator leave it out.
 */
class UnknownHealthPathFilter extends OncePerRequestFilter {

    private static final String HEALTH = "/actuator/health/";

    private final HealthContributorRegistry registry;
    private final HealthEndpointGroups groups;
    private final NgrokErrorWriter errors;

    UnknownHealthPathFilter(HealthContributorRegistry registry, HealthEndpointGroups groups, NgrokErrorWriter errors) {
        this.registry = registry;
        this.groups = groups;
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return !uri.startsWith(HEALTH) || uri.length() == HEALTH.length();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (namesNothing(request.getRequestURI().substring(HEALTH.length()).split("/"))) {
            errors.write(NgrokErrors.routeNotFound(request.getRequestURI()), request, response);
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean namesNothing(String[] path) {
        int first = groups.get(path[0]) != null ? 1 : 0;
        @Nullable
        HealthContributors level = registry;
        for (int i = first; i < path.length; i++) {
            HealthContributor contributor = level == null ? null : level.getContributor(path[i]);
            if (contributor == null) {
                return true;
            }
            level = contributor instanceof HealthContributors composite ? composite : null;
        }
        return false;
    }
}
