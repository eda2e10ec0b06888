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
import dev.agentingress.emulator.api.PathKind;

/**
 * Spring MVC's handler adapter, plus the check every handler of ngrok's API and of the controls gets without asking:
 * the query string may hold only what the handler accepts ({@link AcceptsQuery}; nothing, unless it says). It runs
 * once the handler's arguments are resolved, just before it runs, which is where ngrok reports it: after the body is
 * read (an unreadable body is reported first), before anything is looked up. A
 * {@link org.springframework.web.servlet.HandlerInterceptor} would run it before the body is read. (The operator's
 * token is asked for before the body: {@link OperatorOnlyInterceptor}.)
 */
final class CheckingHandlerAdapter extends RequestMappingHandlerAdapter {

    private final DeclaredQuery declaredQuery;

    CheckingHandlerAdapter(DeclaredQuery declaredQuery) {
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
        declaredQuery.read(request, handler.getMethod());
    }
}
