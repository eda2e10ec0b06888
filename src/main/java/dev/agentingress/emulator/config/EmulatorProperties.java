package dev.agentingress.emulator.config;

import java.net.URI;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every knob of the emulator, bound from {@code emulator.*} (or the {@code EMULATOR_*} environment variables).
 *
 * @param publicBaseUrl   base of the absolute URLs in list responses; when unset, the scheme, host and port of each request
 * @param absoluteItemUris make each ingress {@code uri} absolute, as ngrok did before late 2023
 * @param regions         region codes; each ingress gets {@code tunnel.<region>.<domain>} per code, in this order
 * @param nsTargets       the name servers every ingress asks to be delegated to, fully qualified
 * @param apiKeys         empty for open mode (every token is its own account); else entries {@code key} or {@code key=account}
 */
@ConfigurationProperties("emulator")
public record EmulatorProperties(
        @Nullable URI publicBaseUrl,
        boolean absoluteItemUris,
        @DefaultValue({"us", "eu", "ap", "au", "sa", "jp", "in"}) List<String> regions,
        @DefaultValue({"ns1.agent-ingress.emulator.invalid.", "ns2.agent-ingress.emulator.invalid.",
                "ns3.agent-ingress.emulator.invalid.", "ns4.agent-ingress.emulator.invalid."}) List<String> nsTargets,
        @DefaultValue List<String> apiKeys) {
}
