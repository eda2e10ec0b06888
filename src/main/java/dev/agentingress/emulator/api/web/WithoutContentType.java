package dev.agentingress.emulator.api.web;

import java.util.Collections;
import java.util.Enumeration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;

/**
 * A body-less control request (e.g. {@code POST /_emulator/reset}) seen without its {@code Content-Type}: some clients
 * label even an empty POST, and with nothing to read, the label must not decide how it is read.
 */
final class WithoutContentType extends HttpServletRequestWrapper {

    WithoutContentType(HttpServletRequest request) {
        super(request);
    }

    @Override
    public @Nullable String getContentType() {
        return null;
    }

    @Override
    public @Nullable String getHeader(String name) {
        return HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name) ? null : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        return HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name) ? Collections.emptyEnumeration()
                : super.getHeaders(name);
    }
}
