package dev.agentingress.emulator.api;

import jakarta.servlet.ServletRequest;

import org.jspecify.annotations.Nullable;

/**
 * The account the API checks authenticated for a request, kept with the request for what runs after them: handlers
 * (as an {@link Account} argument), interceptors and the journal.
 */
public final class RequestAccount {

    private static final String ATTRIBUTE = RequestAccount.class.getName();

    private RequestAccount() {
    }

    public static void set(ServletRequest request, Account account) {
        request.setAttribute(ATTRIBUTE, account);
    }

    /** Null where the checks did not run (paths outside ngrok's API) or refused the request. */
    public static @Nullable Account of(ServletRequest request) {
        return (Account) request.getAttribute(ATTRIBUTE);
    }
}
