package dev.agentingress.emulator.api.error;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatus;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;

import dev.agentingress.emulator.config.WireFormats;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * What the emulator's own controls ({@code /_emulator/...}) answer about a body they cannot take: ngrok's codes for
 * the same faults (213 unreadable, 214 unknown field, 215 invalid value), but a message that names the field, says
 * what it takes and points to this project's documentation of the control, not to ngrok's API reference.
 */
final class ControlErrors {

    /** Beyond this, a given text is described by its length rather than quoted. */
    private static final int QUOTED_LENGTH = 64;

    private ControlErrors() {
    }

    /**
     * The first of the body's Bean Validation violations, by field name; each constraint's message says what it takes.
     */
    static NgrokException invalidBody(BindingResult result, HttpServletRequest request) {
        FieldError first = result.getFieldErrors().stream().min(Comparator.comparing(FieldError::getField))
                .orElseThrow(() -> new IllegalStateException("a body constraint that is not on a field: " + result));
        String field = Arrays.stream(first.getField().split("\\.")).map(WireFormats::wireName)
                .collect(Collectors.joining("."));
        Object rejected = first.getRejectedValue();
        return invalidValue(field, String.valueOf(first.getDefaultMessage()), rejected == null ? null : shown(rejected),
                request);
    }

    /** A value Jackson could not read as the field's type. */
    static NgrokException invalidValue(String field, MismatchedInputException exception, HttpServletRequest request) {
        String given = exception instanceof InvalidFormatException format && format.getValue() != null
                ? shown(format.getValue()) : shown(exception.getCurrentToken());
        return invalidValue(field, expected(exception.getTargetType()), given, request);
    }

    static NgrokException unknownField(String name, Collection<String> supported, HttpServletRequest request) {
        return NgrokErrors.bad(HttpStatus.BAD_REQUEST, 214, "'" + name + "' is not a field of this control; its fields "
                + "are " + String.join(", ", supported) + ". " + seeDocs(request));
    }

    static NgrokException unreadableBody(String contentType, HttpServletRequest request) {
        return NgrokErrors.bad(HttpStatus.BAD_REQUEST, 213, "The '" + contentType + "' request body could not be read:"
                + " this control takes a JSON object. " + seeDocs(request));
    }

    /** @param given how the value reads in a message; null when it is missing */
    private static NgrokException invalidValue(String field, String expected, @Nullable String given,
            HttpServletRequest request) {
        String problem = given == null ? "'" + field + "' is required: it must be " + expected + "."
                : "'" + field + "' must be " + expected + ", not " + given + ".";
        return NgrokErrors.bad(HttpStatus.BAD_REQUEST, 215, problem + " " + seeDocs(request));
    }

    /**
     * An error of a control with the pointer to ngrok's API reference that ngrok's own errors end with (a query
     * parameter it does not take, a content type) points to the control's own documentation instead.
     */
    static NgrokException pointedAtTheControlsDocs(NgrokException error, HttpServletRequest request) {
        String message = error.getMessage();
        if (!message.endsWith(NgrokErrors.CLIENT_HINT) || !isForAControl(request)) {
            return error;
        }
        String own = message.substring(0, message.length() - NgrokErrors.CLIENT_HINT.length()) + seeDocs(request);
        return new NgrokException(error.status(), error.errorCode(), own, error.details());
    }

    /**
     * Whether the request went to one of the emulator's controls, which say in their errors where they are described.
     */
    static boolean isForAControl(HttpServletRequest request) {
        return docsOf(request) != null;
    }

    /** The section of the controls' documentation that the handler of this request names. */
    private static String seeDocs(HttpServletRequest request) {
        ControlDocs docs = docsOf(request);
        return "See " + ControlDocs.FILE + (docs == null ? "" : "#" + docs.value()) + ".";
    }

    private static @Nullable ControlDocs docsOf(HttpServletRequest request) {
        if (!(request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) instanceof HandlerMethod handler)) {
            return null;
        }
        ControlDocs docs = handler.getMethodAnnotation(ControlDocs.class);
        return docs != null ? docs
                : AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), ControlDocs.class);
    }

    private static String expected(@Nullable Class<?> type) {
        if (type == null) {
            return "a value of another type";
        }
        if (type == Instant.class) {
            return WireFormats.TIME;
        }
        if (type == Duration.class) {
            return WireFormats.DURATION;
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf)
                    .collect(Collectors.joining(", "));
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        return Collection.class.isAssignableFrom(type) ? "an array" : "an object";
    }

    private static String shown(Object value) {
        if (value instanceof CharSequence text) {
            return text.length() > QUOTED_LENGTH ? "a text of " + text.length() + " characters" : "'" + text + "'";
        }
        return String.valueOf(value);
    }

    private static @Nullable String shown(@Nullable JsonToken token) {
        if (token == null || token == JsonToken.VALUE_NULL) {
            return null;
        }
        return switch (token) {
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case START_ARRAY -> "an array";
            default -> "an object";
        };
    }
}
