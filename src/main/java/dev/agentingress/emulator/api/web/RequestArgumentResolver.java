package dev.agentingress.emulator.api.web;

import java.util.Objects;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import dev.agentingress.emulator.api.BaseUrl;
import dev.agentingress.emulator.api.PageOf;
import dev.agentingress.emulator.api.PageParameters;
import dev.agentingress.emulator.api.PublicUrls;
import dev.agentingress.emulator.api.QueryParameters;

/**
 * Hands handlers what they would otherwise dig out of the request: the {@link BaseUrl} of absolute URLs, the
 * {@link QueryParameters} they accept ({@link DeclaredQuery}) and the {@link PageParameters} read from them.
 */
final class RequestArgumentResolver implements HandlerMethodArgumentResolver {

    private static final Set<Class<?>> RESOLVED = Set.of(BaseUrl.class, QueryParameters.class, PageParameters.class);

    private final PublicUrls publicUrls;
    private final DeclaredQuery declaredQuery;

    RequestArgumentResolver(PublicUrls publicUrls, DeclaredQuery declaredQuery) {
        this.publicUrls = publicUrls;
        this.declaredQuery = declaredQuery;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return RESOLVED.contains(parameter.getParameterType());
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer container,
            NativeWebRequest webRequest, @Nullable WebDataBinderFactory binderFactory) {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        if (request == null) {
            throw new IllegalStateException("not a servlet request");
        }
        Class<?> type = parameter.getParameterType();
        if (type == BaseUrl.class) {
            return publicUrls.baseUrl(request);
        }
        QueryParameters query = declaredQuery.read(request, Objects.requireNonNull(parameter.getMethod()));
        if (type == QueryParameters.class) {
            return query;
        }
        PageOf pageOf = parameter.getParameterAnnotation(PageOf.class);
        if (pageOf == null) {
            throw new IllegalStateException(parameter + " needs @PageOf: the prefix of the IDs it pages through");
        }
        return PageParameters.from(query, pageOf.value());
    }
}
