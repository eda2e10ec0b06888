package dev.agentingress.emulator.api.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import dev.agentingress.emulator.api.OperatorOnly;

/**
 * Asks for the operator's token before an {@link OperatorOnly} handler's body is read: a caller without it learns
 * nothing of how the control would read its request.
 */
final class OperatorOnlyInterceptor implements HandlerInterceptor {

    private final OperatorToken operatorToken;

    OperatorOnlyInterceptor(OperatorToken operatorToken) {
        this.operatorToken = operatorToken;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (request.getDispatcherType() != DispatcherType.ERROR && handler instanceof HandlerMethod method
                && method.hasMethodAnnotation(OperatorOnly.class)) {
            operatorToken.check(request);
        }
        return true;
    }
}
