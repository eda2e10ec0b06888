package dev.agentingress.emulator.api.web;

import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import dev.agentingress.emulator.api.Account;

/** Hands controllers the {@link Account} that {@link NgrokApiFilter} authenticated. */
class AccountArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Account.class;
    }

    @Override
    public Account resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer container,
            NativeWebRequest request, @Nullable WebDataBinderFactory binderFactory) {
        Object account = request.getAttribute(NgrokApiFilter.ACCOUNT_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (account == null) {
            throw new IllegalStateException("no authenticated account: the request bypassed NgrokApiFilter");
        }
        return (Account) account;
    }
}
