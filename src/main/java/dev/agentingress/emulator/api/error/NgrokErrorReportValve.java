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
import org.springframework.http.HttpStatus;

import dev.agentingress.emulator.ids.KsuidGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's own error page, in ngrok's envelope. Tomcat answers some requests before any filter or servlet sees them
 * (a malformed or encoded-slash path, headers over the size limit) and would render those as an HTML page.
 */
public final class NgrokErrorReportValve extends ErrorReportValve {

    private static final JsonMapper JSON = JsonMapper.builder().build();
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
        String operationId = assigned != null ? assigned : "op_" + ids.nextRandom();
        HttpStatus resolved = HttpStatus.resolve(status);
        NgrokError error = new NgrokError(null, status, resolved != null ? resolved.getReasonPhrase() : "Error",
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
}
