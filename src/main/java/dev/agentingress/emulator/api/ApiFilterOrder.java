package dev.agentingress.emulator.api;

import org.springframework.core.Ordered;

/** Where each servlet filter stands, in ngrok's order of checks; filters registered elsewhere take their place here. */
public final class ApiFilterOrder {

    public static final int OPERATION_ID = Ordered.HIGHEST_PRECEDENCE;
    public static final int ROUTE = OPERATION_ID + 1;
    public static final int CORS = OPERATION_ID + 2;
    /** Around the API checks: records the account they resolve and whatever they answer. */
    public static final int JOURNAL = OPERATION_ID + 3;
    public static final int API_CHECKS = OPERATION_ID + 4;
    /** After the checks, so that a body is only waited for when the request may go on. */
    public static final int BODY = OPERATION_ID + 5;

    private ApiFilterOrder() {
    }
}
