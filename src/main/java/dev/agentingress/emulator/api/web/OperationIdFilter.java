package dev.agentingress.emulator.api.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

import dev.agentingress.emulator.api.error.OperationId;
import dev.agentingress.emulator.ids.KsuidGenerator;

/** Gives every request its {@link OperationId}, answered in the {@code Ngrok-Operation-Id} header of every response. */
class OperationIdFilter extends OncePerRequestFilter {

    private final KsuidGenerator ids;

    OperationIdFilter(KsuidGenerator ids) {
        this.ids = ids;
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
        String operationId = "op_" + ids.nextForRequest();
        OperationId.assign(request, operationId);
        response.setHeader(OperationId.HEADER, operationId);
        chain.doFilter(request, response);
    }
}
