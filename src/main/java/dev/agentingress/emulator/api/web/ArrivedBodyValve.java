package dev.agentingress.emulator.api.web;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * Notes which requests' bodies are still on their way: not all in Tomcat's buffer yet (a small body almost always
 * arrives with its headers), or chunked, so of no known length. The servlet API cannot tell that;
 * {@link BodyReadingFilter} parks only those requests while their body arrives. Asking reads nothing from the socket.
 */
final class ArrivedBodyValve extends ValveBase {

    private static final String STILL_ARRIVING = ArrivedBodyValve.class.getName() + ".stillArriving";

    ArrivedBodyValve() {
        super(true);
    }

    static boolean isBodyStillArriving(ServletRequest request) {
        return request.getAttribute(STILL_ARRIVING) != null;
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        long declared = request.getContentLengthLong();
        if (declared < 0 && request.getHeader("Transfer-Encoding") != null) {
            request.setAttribute(STILL_ARRIVING, Boolean.TRUE);
        } else if (declared > 0) {
            org.apache.coyote.Request coyote = request.getCoyoteRequest();
            coyote.action(ActionCode.AVAILABLE, Boolean.FALSE);
            if (coyote.getAvailable() < declared) {
                request.setAttribute(STILL_ARRIVING, Boolean.TRUE);
            }
        }
        getNext().invoke(request, response);
    }
}
