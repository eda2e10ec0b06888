package dev.agentingress.emulator.api;

import java.lang.reflect.Method;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.swagger.v3.oas.annotations.Operation;

/**
 * ngrok's name for the operation a handler serves: the {@code operationId} its OpenAPI annotation gives it (e.g.
 * {@code AgentIngressesCreate}), which is also what ngrok's clients and documentation call it.
 */
@Component
public class NgrokOperations {

    /** Resolved late: the handler mapping is built from the interceptors, one of which needs this class. */
    private final ObjectProvider<RequestMappingHandlerMapping> handlerMapping;
    /** Keyed by method: the mapping hands out a fresh {@link HandlerMethod} for every request. */
    private final ConcurrentMap<Method, Optional<String>> names = new ConcurrentHashMap<>();
    private volatile @Nullable Set<String> all;

    public NgrokOperations(
            @Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> handlerMapping) {
        this.handlerMapping = handlerMapping;
    }

    public Optional<String> nameOf(HandlerMethod handler) {
        return names.computeIfAbsent(handler.getMethod(), method -> Optional
                .ofNullable(AnnotatedElementUtils.findMergedAnnotation(method, Operation.class))
                .map(Operation::operationId)
                .filter(name -> !name.isBlank()));
    }

    /** Every ngrok operation the emulator serves (the controls under {@code /_emulator} are not ngrok's). */
    public Set<String> names() {
        Set<String> known = all;
        if (known == null) {
            Set<String> found = new TreeSet<>();
            handlerMapping.getObject().getHandlerMethods().forEach((mapping, handler) -> {
                if (!isControl(mapping)) {
                    nameOf(handler).ifPresent(found::add);
                }
            });
            known = Collections.unmodifiableSet(found);
            all = known;
        }
        return known;
    }

    private static boolean isControl(RequestMappingInfo mapping) {
        return mapping.getPatternValues().stream().allMatch(pattern -> PathKind.of(pattern) == PathKind.CONTROLS);
    }
}
