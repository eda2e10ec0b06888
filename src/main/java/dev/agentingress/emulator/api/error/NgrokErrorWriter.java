package dev.agentingress.emulator.api.error;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * The one place that turns an {@link NgrokException} into ngrok's envelope: for the exception handler (as a
 * {@link ResponseEntity}) and for filters, which run outside Spring MVC (written straight to the response).
 */
@Component
public class NgrokErrorWriter {

    static final String CONTENT_TYPE = "application/json; charset=utf-8";

    private final JsonMapper jsonMapper;

    public NgrokErrorWriter(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    public NgrokError envelope(NgrokException exception, HttpServletRequest request) {
        Map<String, String> details = new LinkedHashMap<>(exception.details());
        details.put("operation_id", OperationId.of(request));
        return new NgrokError(exception.errorCode(), exception.status().value(), exception.getMessage(), details);
    }

    public ResponseEntity<Object> toResponseEntity(NgrokException exception, HttpServletRequest request) {
        return ResponseEntity.status(exception.status())
                .header(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(envelope(exception, request));
    }

    public void write(NgrokException exception, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        response.resetBuffer();
        response.setStatus(exception.status().value());
        response.setHeader(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        jsonMapper.writeValue(response.getOutputStream(), envelope(exception, request));
    }
}
