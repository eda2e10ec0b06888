package dev.agentingress.emulator.api;

import org.springframework.web.servlet.HandlerInterceptor;

import dev.agentingress.emulator.api.error.NgrokException;
import dev.agentingress.emulator.api.web.NgrokApiFilter;

/**
 * An interceptor for ngrok's own operations. {@code ApiWebConfiguration} registers every bean of this type, kept off
 * the emulator's controls and the paths outside ngrok's API; it runs after {@link NgrokApiFilter}, so the account is
 * known ({@link NgrokApiFilter#account}), and what it throws as an {@link NgrokException} is answered in the envelope.
 */
public interface NgrokOperationInterceptor extends HandlerInterceptor {
}
