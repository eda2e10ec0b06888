package dev.agentingress.emulator.api.web;

import java.util.Objects;

import jakarta.servlet.ServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import dev.agentingress.emulator.api.Account;
import dev.agentingress.emulator.api.RequestAccount;

/** Hands controllers the {@link Account} that {@link NgrokApiFilter} authenticated. */
class AccountArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Account.class;
    }

    @Override
    public Account resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer container,
            NativeWebRequest request, @Nullable WebDataBinderFactory binderFactory) {
        ServletRequest servletRequest = Objects.requireNonNull(request.getNativeRequest(ServletRequest.class));
        Account account = RequestAccount.of(servletRequest);
        if (account == null) {
            throw new IllegalStateException("no authenticated account: the request bypassed NgrokApiFilter");
        }
        return account;
    }
}
