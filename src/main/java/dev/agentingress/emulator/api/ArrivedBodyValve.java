package dev.agentingress.emulator.api;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * Notes whether a request's whole body already sits in Tomcat's buffer (read with its headers, as small bodies
 * almost always are), which the servlet API cannot tell: {@link BodyReadingFilter} then lets such a body straight
 * through instead of parking the request while it arrives. Asking reads nothing from the socket.
 */
final class ArrivedBodyValve extends ValveBase {

    private static final String ARRIVED = ArrivedBodyValve.class.getName() + ".arrived";

    ArrivedBodyValve() {
        super(true);
    }

    static boolean hasWholeBody(ServletRequest request) {
        return request.getAttribute(ARRIVED) != null;
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        long declared = request.getContentLengthLong();
        if (declared > 0) {
            org.apache.coyote.Request coyote = request.getCoyoteRequest();
            coyote.action(ActionCode.AVAILABLE, Boolean.FALSE);
            if (coyote.getAvailable() >= declared) {
                request.setAttribute(ARRIVED, Boolean.TRUE);
            }
        }
        getNext().invoke(request, response);
    }
}
