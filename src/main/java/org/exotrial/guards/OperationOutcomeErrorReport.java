package org.exotrial.guards;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's error report, written as a FHIR OperationOutcome instead of an HTML page (TomcatErrorsConfig). Public with
 * a public constructor: Tomcat's host creates it by its class name.
 */
public final class OperationOutcomeErrorReport extends ErrorReportValve {

    /** As Tomcat's own report: only for an error no one has written a body for, while the connection allows it. */
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
        try {
            response.setContentType("application/fhir+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(outcome(status, response.getMessage()));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response was committed meanwhile, as Tomcat's own report allows.
        }
    }

    static String outcome(int status, String message) {
        String diagnostics = "HTTP " + status + ": "
                + (message == null || message.isBlank()
                        ? "the request line or headers could not be read (a character a URL may not hold unencoded,"
                                + " or headers over the server's limit)"
                        : message);
        return "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\""
                + (status == 400 ? "invalid" : "exception") + "\",\"diagnostics\":\""
                + new String(JsonStringEncoder.getInstance().quoteAsString(diagnostics)) + "\"}]}";
    }
}
