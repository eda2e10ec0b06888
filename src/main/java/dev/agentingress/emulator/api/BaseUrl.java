package dev.agentingress.emulator.api;

/**
 * The base of the absolute URLs in a response, without a trailing slash (e.g. {@code http://127.0.0.1:8080}): handed
 * to a handler that asks for it, as {@link PublicUrls} finds it for the request.
 */
public record BaseUrl(String url) {
}
