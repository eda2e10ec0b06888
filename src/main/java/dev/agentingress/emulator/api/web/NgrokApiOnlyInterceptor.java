package dev.agentingress.emulator.api.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;

import dev.agentingress.emulator.api.NgrokOperationInterceptor;
import dev.agentingress.emulator.api.PathKind;

/**
 * Runs a {@link NgrokOperationInterceptor} on ngrok's API only: not on the emulator's controls, not outside the API,
 * and not on the error dispatch that renders a failure (the interceptor had its turn on the request itself).
 */
final class NgrokApiOnlyInterceptor implements HandlerInterceptor {

    private final NgrokOperationInterceptor delegate;

    NgrokApiOnlyInterceptor(NgrokOperationInterceptor delegate) {
        this.delegate = delegate;
    }

    private static boolean applies(HttpServletRequest request) {
        return request.getDispatcherType() != DispatcherType.ERROR && PathKind.of(request) == PathKind.NGROK_API;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        return !applies(request) || delegate.preHandle(request, response, handler);
    }

    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
            @Nullable ModelAndView modelAndView) throws Exception {
        if (applies(request)) {
            delegate.postHandle(request, response, handler, modelAndView);
        }
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
            @Nullable Exception exception) throws Exception {
        if (applies(request)) {
            delegate.afterCompletion(request, response, handler, exception);
        }
    }
}
