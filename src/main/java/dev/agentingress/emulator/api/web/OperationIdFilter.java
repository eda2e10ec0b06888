package dev.agentingress.emulator.api.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

import dev.agentingress.emulator.ids.KsuidGenerator;

/** Gives every request an {@code op_} ID, answered in the {@code Ngrok-Operation-Id} header of every response. */
public class OperationIdFilter extends OncePerRequestFilter {

    public static final String HEADER = "Ngrok-Operation-Id";
    public static final String ATTRIBUTE = OperationIdFilter.class.getName() + ".operationId";

    private final KsuidGenerator ids;

    public OperationIdFilter(KsuidGenerator ids) {
        this.ids = ids;
    }

    /** The request's operation ID, set by this filter, which runs first on every request. */
    public static String operationId(ServletRequest request) {
        Object id = request.getAttribute(ATTRIBUTE);
        return id != null ? (String) id : "op_unassigned";
    }

    /**
     * Tomcat answers some requests itself (a TRACE, say) and lets the error page render them: the error dispatch is
     * then the first time this filter sees the request, and it must still get an ID. Where the request dispatch gave
     * one, the nested error dispatch passes straight through.
     */
    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String operationId = "op_" + ids.nextRandom();
        request.setAttribute(ATTRIBUTE, operationId);
        response.setHeader(HEADER, operationId);
        chain.doFilter(request, response);
    }
}
