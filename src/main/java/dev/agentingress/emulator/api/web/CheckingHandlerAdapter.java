package dev.agentingress.emulator.api.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.ServletInvocableHandlerMethod;

import dev.agentingress.emulator.api.AcceptsQuery;
import dev.agentingress.emulator.api.OperatorOnly;
import dev.agentingress.emulator.api.PathKind;

/**
 * Spring MVC's handler adapter, plus the checks every handler of ngrok's API and of the controls gets without asking:
 * an {@link OperatorOnly} handler wants the operator's token, then the query string may hold only what the handler
 * accepts ({@link AcceptsQuery}; nothing, unless it says). They run once the handler's arguments are resolved, just
 * before it runs, which is where ngrok reports them: after the body is read (an unreadable body is reported first,
 * spec §9.4.1), before anything is looked up. A {@link org.springframework.web.servlet.HandlerInterceptor} would run
 * them before the body is read.
 */
final class CheckingHandlerAdapter extends RequestMappingHandlerAdapter {

    private final OperatorToken operatorToken;
    private final DeclaredQuery declaredQuery;

    CheckingHandlerAdapter(OperatorToken operatorToken, DeclaredQuery declaredQuery) {
        this.operatorToken = operatorToken;
        this.declaredQuery = declaredQuery;
    }

    @Override
    protected ServletInvocableHandlerMethod createInvocableHandlerMethod(HandlerMethod handler) {
        return new ServletInvocableHandlerMethod(handler) {
            @Override
            protected @Nullable Object doInvoke(@Nullable Object... arguments) throws Exception {
                check(((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest(),
                        handler);
                return super.doInvoke(arguments);
            }
        };
    }

    /** Not on the error dispatch (the request had its checks) nor outside the API (actuator, OpenAPI). */
    private void check(HttpServletRequest request, HandlerMethod handler) {
        if (request.getDispatcherType() == DispatcherType.ERROR || PathKind.of(request) == PathKind.OUTSIDE) {
            return;
        }
        if (handler.hasMethodAnnotation(OperatorOnly.class)) {
            operatorToken.check(request);
        }
        declaredQuery.read(request, handler.getMethod());
    }
}
