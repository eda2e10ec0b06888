package dev.agentingress.emulator.api;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

import dev.agentingress.emulator.config.EmulatorProperties;

/** The base of absolute URLs: {@code emulator.public-base-url}, else the scheme, host and port the request used. */
@Component
public class PublicUrls {

    private final EmulatorProperties properties;

    public PublicUrls(EmulatorProperties properties) {
        this.properties = properties;
    }

    /** The base without a trailing slash, e.g. {@code http://127.0.0.1:8080}. */
    public BaseUrl baseUrl(HttpServletRequest request) {
        String configured = properties.publicBaseUrl();
        if (configured != null) {
            return new BaseUrl(configured.endsWith("/") ? configured.substring(0, configured.length() - 1)
                    : configured);
        }
        return new BaseUrl(UriComponentsBuilder.newInstance()
                .scheme(request.getScheme())
                .host(request.getServerName())
                .port(isDefaultPort(request) ? -1 : request.getServerPort())
                .toUriString());
    }

    private static boolean isDefaultPort(HttpServletRequest request) {
        int port = request.getServerPort();
        return (request.getScheme().equals("http") && port == 80)
                || (request.getScheme().equals("https") && port == 443);
    }
}
