package dev.agentingress.emulator.api;

import org.springframework.web.servlet.HandlerInterceptor;

import dev.agentingress.emulator.api.error.NgrokException;

/**
 * An interceptor for ngrok's own operations. {@code ApiWebConfiguration} registers every bean of this type, kept off
 * the emulator's controls and the paths outside ngrok's API; it runs after the API checks, so the account is
 * known ({@link RequestAccount}), and what it throws as an {@link NgrokException} is answered in the envelope.
 */
public interface NgrokOperationInterceptor extends HandlerInterceptor {
}
