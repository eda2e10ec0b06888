package dev.agentingress.emulator.config;

/**
 * Something in the set-up (not in the code) that stops start-up; reported as its message alone, without a stack trace.
 */
public class StartupProblem extends RuntimeException {

    public StartupProblem(String message) {
        super(message, null, false, false);
    }
}
