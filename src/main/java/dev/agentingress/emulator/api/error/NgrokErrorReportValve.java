package dev.agentingress.emulator.api.error;

import java.io.IOException;
import java.io.Writer;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.apache.tomcat.util.http.parser.HttpParser;
import org.apache.tomcat.util.res.StringManager;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

import dev.agentingress.emulator.ids.KsuidGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's own error page, in ngrok's envelope. Tomcat answers some requests before any filter or servlet sees them
 * (a malformed or encoded-slash path, headers over the size limit) and would render those as an HTML page.
 */
public final class NgrokErrorReportValve extends ErrorReportValve {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /**
     * Tomcat's message (in the JVM's language) for a request target with a character it refuses, split around the
     * target it quotes: the only trace of which part of the request line was at fault.
     */
    private static final String[] REFUSED_TARGET = StringManager.getManager("org.apache.coyote.http11")
            .getString("iib.invalidRequestTarget", "\u0000").split("\u0000", -1);
    private final KsuidGenerator ids = new KsuidGenerator(Clock.systemUTC());

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        String assigned = OperationId.assigned(request);
        String operationId = assigned != null ? assigned : "op_" + ids.nextForRequest();
        NgrokError error = new NgrokError(null, status, message(status, throwable),
                Map.of("operation_id", operationId));
        try {
            response.setHeader(OperationId.HEADER, operationId);
            response.setContentType(NgrokErrorWriter.CONTENT_TYPE);
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(JSON.writeValueAsString(error));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was committed meanwhile: nothing left to tell it
        }
    }

    private static String message(int status, @Nullable Throwable failure) {
        if (status == 400 && isUnencodedQuery(failure)) {
            return NgrokErrors.unencodedQuery().getMessage();
        }
        HttpStatus resolved = HttpStatus.resolve(status);
        return resolved != null ? resolved.getReasonPhrase() : "Error";
    }

    /** A request target refused for a character in its query, its path being fine. */
    static boolean isUnencodedQuery(@Nullable Throwable failure) {
        String message = failure instanceof IllegalArgumentException ? failure.getMessage() : null;
        if (message == null || REFUSED_TARGET.length != 2 || !message.startsWith(REFUSED_TARGET[0])
                || !message.endsWith(REFUSED_TARGET[1])) {
            return false;
        }
        String target = message.substring(REFUSED_TARGET[0].length(), message.length() - REFUSED_TARGET[1].length());
        int query = target.indexOf('?');
        return query >= 0 && target.substring(0, query).chars().allMatch(HttpParser::isAbsolutePath);
    }
}
