package dev.agentingress.emulator.api.error;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Boot's {@code /error}, which would otherwise answer anything that escapes Spring MVC (an error in a
 * filter, a container-level failure) with its own JSON or an HTML page.
 */
@RestController
class NgrokErrorController implements ErrorController {

    private final NgrokErrorWriter writer;

    NgrokErrorController(NgrokErrorWriter writer) {
        this.writer = writer;
    }

    @RequestMapping("/error")
    ResponseEntity<Object> error(HttpServletRequest request) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (status == null) {
            return writer.toResponseEntity(NgrokErrors.routeNotFound(request.getRequestURI()), request);
        }
        int code = (Integer) status;
        NgrokException error = switch (code) {
            case 404, 405 -> NgrokErrors.routeNotFound(String.valueOf(path));
            case 413 -> NgrokErrors.bodyTooLarge(RequestLimits.MAX_BODY_BYTES);
            default -> code >= 500 ? NgrokErrors.internalError() : NgrokErrors.plainStatus(code, null);
        };
        return writer.toResponseEntity(error, request);
    }
}
