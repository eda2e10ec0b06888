package dev.agentingress.emulator.api;

import org.springframework.web.servlet.HandlerInterceptor;

/**
 * An interceptor for ngrok's own operations. {@link ApiWebConfiguration} registers every bean of this type, kept off
 * the emulator's controls and the paths outside ngrok's API; it runs after {@link NgrokApiFilter}, so the account is
 * known ({@link NgrokApiFilter#account}), and what it throws as an {@link NgrokException} is answered in the envelope.
 */
public interface NgrokOperationInterceptor extends HandlerInterceptor {
}
