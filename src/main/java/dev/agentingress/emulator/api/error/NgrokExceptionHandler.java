package dev.agentingress.emulator.api.error;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springdoc.api.OpenApiResourceNotFoundException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Everything Spring MVC raises comes out in ngrok's envelope: our own {@link NgrokException}s, Spring's 4xx
 * (unreadable bodies become ngrok's 213/214/215; on the emulator's controls with messages of their own, as are their
 * bodies' Bean Validation violations) and anything unexpected (500, logged, no stack trace to the client).
 */
@RestControllerAdvice
class NgrokExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(NgrokExceptionHandler.class);

    private final NgrokErrorWriter writer;

    NgrokExceptionHandler(NgrokErrorWriter writer) {
        this.writer = writer;
    }

    @ExceptionHandler(NgrokException.class)
    ResponseEntity<Object> handleNgrok(NgrokException exception, HttpServletRequest request) {
        return writer.toResponseEntity(ControlErrors.pointedAtTheControlsDocs(exception, request), request);
    }

    /**
     * Tomcat parses the query string lazily and throws where it cannot (a broken escape, too many parameters). Our
     * operations read it through {@code QueryParameters}, which answers first; this covers the handlers that read it
     * themselves, such as actuator's.
     */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<Object> handleUnreadableQuery(InvalidParameterException exception, HttpServletRequest request) {
        return writer.toResponseEntity(NgrokErrors.unreadableQuery(RequestLimits.MAX_QUERY_PARAMETERS), request);
    }

    /** springdoc's answer for a document group it does not have ({@code /v3/api-docs/{group}}): a path to nothing. */
    @ExceptionHandler(OpenApiResourceNotFoundException.class)
    ResponseEntity<Object> handleUnknownDocumentGroup(HttpServletRequest request) {
        return writer.toResponseEntity(NgrokErrors.routeNotFound(request.getRequestURI()), request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception exception, HttpServletRequest request) {
        log.error("Unexpected failure on {} {} ({})", request.getMethod(), request.getRequestURI(),
                OperationId.of(request), exception);
        return writer.toResponseEntity(NgrokErrors.internalError(), request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception exception, @Nullable Object body,
            HttpHeaders headers, HttpStatusCode statusCode, WebRequest webRequest) {
        HttpServletRequest request = Objects.requireNonNull(
                ((NativeWebRequest) webRequest).getNativeRequest(HttpServletRequest.class));
        return writer.toResponseEntity(translate(exception, statusCode, request), request);
    }

    private static NgrokException translate(Exception exception, HttpStatusCode statusCode,
            HttpServletRequest request) {
        if (exception instanceof HttpMessageNotReadableException unreadable) {
            return unreadableBody(unreadable, request);
        }
        if (exception instanceof MethodArgumentNotValidException invalid) {
            // only the controls' bodies carry constraints: ngrok's operations check theirs by hand, in ngrok's order
            return ControlErrors.invalidBody(invalid.getBindingResult(), request);
        }
        if (exception instanceof NoResourceFoundException || exception instanceof NoHandlerFoundException
                || exception instanceof HttpRequestMethodNotSupportedException) {
            return NgrokErrors.routeNotFound(request.getRequestURI());
        }
        if (exception instanceof HttpMediaTypeNotSupportedException) {
            return NgrokErrors.unsupportedContentType(String.valueOf(request.getContentType()));
        }
        if (statusCode.is5xxServerError()) {
            log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), exception);
            return NgrokErrors.internalError();
        }
        return NgrokErrors.plainStatus(statusCode.value(), exception.getMessage());
    }

    private static NgrokException unreadableBody(HttpMessageNotReadableException exception,
            HttpServletRequest request) {
        Throwable cause = exception.getCause();
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof BodyTooLargeException tooLarge) {
                return NgrokErrors.bodyTooLarge(tooLarge.maxBytes());
            }
        }
        boolean control = ControlErrors.isForAControl(request);
        if (cause instanceof UnrecognizedPropertyException unknown) {
            List<String> supported = unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                    .collect(Collectors.toList());
            return control ? ControlErrors.unknownField(unknown.getPropertyName(), supported, request)
                    : NgrokErrors.unknownField(unknown.getPropertyName(), supported);
        }
        if (cause instanceof MismatchedInputException mismatched && !(cause instanceof StreamReadException)
                && !mismatched.getPath().isEmpty()) {
            String field = fieldPath(mismatched);
            return control ? ControlErrors.invalidValue(field, mismatched, request) : NgrokErrors.invalidField(field);
        }
        String given = request.getContentType();
        String contentType = given == null ? "application/json" : given;
        return control ? ControlErrors.unreadableBody(contentType, request) : NgrokErrors.unparsableBody(contentType);
    }

    private static String fieldPath(DatabindException exception) {
        return exception.getPath().stream()
                .map(reference -> reference.getPropertyName() != null ? reference.getPropertyName()
                        : String.valueOf(reference.getIndex()))
                .collect(Collectors.joining("."));
    }
}
