package dev.agentingress.emulator.config;

import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * A bad {@code emulator.*} value stops start-up with one line that names the property, the value and the rule. The
 * value of a secret is never shown: a rejected one may still be a real key with a typo, and logs travel further than
 * the environment that holds it.
 */
class InvalidConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<BindValidationException> {

    private static final Pattern CAMEL_HUMP = Pattern.compile("([A-Z])");
    /** The settings that hold API keys or the admin token (an {@code api-keys} entry may be {@code key=account}). */
    private static final Pattern SECRET_SETTING =
            Pattern.compile("emulator\\.(admin-token|api-keys(\\[\\d+])?|seed\\.token)");

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
        if (error instanceof FieldError field && "AssertTrue".equals(field.getCode())) {
            // a rule over several settings, checked by an isX() method: its message names the settings, and the
            // method's name and its 'false' would only puzzle
            return String.valueOf(error.getDefaultMessage());
        }
        if (error instanceof FieldError field) {
            String name =
                    prefix + "." + CAMEL_HUMP.matcher(field.getField()).replaceAll("-$1").toLowerCase(Locale.ROOT);
            String value = SECRET_SETTING.matcher(name).matches() ? "(a secret, not shown)"
                    : "'" + field.getRejectedValue() + "'";
            return name + " = " + value + " " + error.getDefaultMessage();
        }
        return prefix + " " + error.getDefaultMessage();
    }
}
