package dev.agentingress.emulator.config;

import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/** A bad {@code emulator.*} value stops start-up with one line that names the property, the value and the rule. */
class InvalidConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<BindValidationException> {

    private static final Pattern CAMEL_HUMP = Pattern.compile("([A-Z])");

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BindValidationException cause) {
        String prefix = cause.getValidationErrors().getName().toString();
        String problems = cause.getValidationErrors().getAllErrors().stream()
                .map(error -> describe(prefix, error))
                .collect(Collectors.joining("; "));
        return new FailureAnalysis("Invalid configuration: " + problems,
                "Fix the value (each emulator.* property is also an EMULATOR_* environment variable; the README lists them).",
                cause);
    }

    private static String describe(String prefix, ObjectError error) {
        if (error instanceof FieldError field) {
            String name = prefix + "." + CAMEL_HUMP.matcher(field.getField()).replaceAll("-$1").toLowerCase(Locale.ROOT);
            return name + " = '" + field.getRejectedValue() + "' " + error.getDefaultMessage();
        }
        return prefix + " " + error.getDefaultMessage();
    }
}
