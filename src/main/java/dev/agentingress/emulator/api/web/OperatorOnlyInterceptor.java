package dev.agentingress.emulator.api.web;

import java.lang.reflect.Method;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import dev.agentingress.emulator.api.OperatorOnly;

/**
 * Asks for the operator's token before an {@link OperatorOnly} handler's body is read: a caller without it learns
 * nothing of how the control would read its request.
 */
final class OperatorOnlyInterceptor implements HandlerInterceptor {

    private static final ConcurrentMap<Method, Boolean> OPERATOR_ONLY = new ConcurrentHashMap<>();

    private final OperatorToken operatorToken;

    OperatorOnlyInterceptor(OperatorToken operatorToken) {
        this.operatorToken = operatorToken;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (request.getDispatcherType() != DispatcherType.ERROR && handler instanceof HandlerMethod method
                && isOperatorOnly(method)) {
            operatorToken.check(request);
        }
        return true;
    }

    /**
     * Whether the handler is {@link OperatorOnly}: asked on every request, so the answer is kept per method (a fixed
     * set, the handlers' own) rather than searched among its annotations each time.
     */
    static boolean isOperatorOnly(HandlerMethod handler) {
        return OPERATOR_ONLY.computeIfAbsent(handler.getMethod(),
                method -> AnnotatedElementUtils.hasAnnotation(method, OperatorOnly.class));
    }
}
