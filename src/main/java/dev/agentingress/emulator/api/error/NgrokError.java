package dev.agentingress.emulator.api.error;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** ngrok's error envelope. {@code error_code} is left out where ngrok has none (its plain 404s). */
@JsonPropertyOrder({"error_code", "status_code", "msg", "details"})
public record NgrokError(
        @JsonProperty("error_code") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String errorCode,
        @JsonProperty("status_code") int statusCode,
        String msg,
        Map<String, String> details) {
}
