package dev.agentingress.emulator.config;

import java.util.List;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Every knob of the emulator, bound from {@code emulator.*} (or the {@code EMULATOR_*} environment variables) and
 * checked at start-up: a bad value stops the server with one line naming it ({@link InvalidConfigurationFailureAnalyzer}).
 *
 * @param publicBaseUrl   base of the absolute URLs in list responses; when unset, the scheme, host and port of each request
 * @param absoluteItemUris make each ingress {@code uri} absolute, as ngrok did before late 2023
 * @param regions         region codes; each ingress gets {@code tunnel.<region>.<domain>} per code, in this order
 * @param nsTargets       the name servers every ingress asks to be delegated to, fully qualified (ending in a dot)
 * @param apiKeys         empty for open mode (every token is its own account); else entries {@code key} or {@code key=account}
 * @param dataDir         where the {@code durable} profile keeps its H2 file (read by {@code application-durable.yml})
 */
@Validated
@ConfigurationProperties("emulator")
public record EmulatorProperties(
        @Nullable @Pattern(regexp = "https?://[^/?#\\s]+(/[^?#\\s]*)?", message = "must be an absolute http or https URL without a query")
        String publicBaseUrl,
        boolean absoluteItemUris,
        @DefaultValue({"us", "eu", "ap", "au", "sa", "jp", "in"})
        @NotEmpty List<@Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "must be a region code such as us or us-cal-1") String> regions,
        @DefaultValue({"ns1.agent-ingress.emulator.invalid.", "ns2.agent-ingress.emulator.invalid.",
                "ns3.agent-ingress.emulator.invalid.", "ns4.agent-ingress.emulator.invalid."})
        @NotEmpty List<@Pattern(regexp = "([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)+", message = "must be a fully qualified name ending in a dot") String> nsTargets,
        @DefaultValue List<@Pattern(regexp = "[^=\\s]{1,512}(=[^=\\s]+)?", message = "must be key or key=account, without spaces") String> apiKeys,
        @DefaultValue("./data") @Pattern(regexp = "(/|\\./|\\.\\./|~/).*", message = "must be absolute or start with ./ (H2 refuses other relative paths)") String dataDir) {
}
