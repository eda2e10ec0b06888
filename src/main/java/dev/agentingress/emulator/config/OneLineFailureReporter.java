package dev.agentingress.emulator.config;

import java.util.regex.Pattern;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalysisReporter;

/**
 * A start that fails for a reason Boot or the emulator can name (a bad setting, a port in use, a seed that does not
 * load) prints that reason as one line on standard error, the process then exiting with status 1: the line is what
 * a user reads first, and a script or CI log shows it whole. Boot's own multi-line "APPLICATION FAILED TO START"
 * report is turned off in application.yml. A failure no analyzer names is a bug, still logged with its stack trace.
 */
class OneLineFailureReporter implements FailureAnalysisReporter {

    static final String PREFIX = "Agent Ingress emulator failed to start: ";
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    @Override
    public void report(FailureAnalysis analysis) {
        System.err.println(line(analysis));
    }

    static String line(FailureAnalysis analysis) {
        String description = WHITESPACE.matcher(analysis.getDescription()).replaceAll(" ").strip();
        String action = analysis.getAction() == null ? ""
                : WHITESPACE.matcher(analysis.getAction()).replaceAll(" ").strip();
        if (!description.isEmpty() && !description.endsWith(".") && !action.isEmpty()) {
            description += ".";
        }
        return PREFIX + (action.isEmpty() ? description : description + " " + action);
    }
}
