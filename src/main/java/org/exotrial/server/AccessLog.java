package org.exotrial.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes the access-log line of {@link RequestLogConfig}, under the logger {@code org.exotrial.access}. */
final class AccessLog {

    private static final Logger log = LoggerFactory.getLogger("org.exotrial.access");

    /** SERVER_PROCESSING_COMPLETED fires once per request, after success or failure, with timing available. */
    @Hook(Pointcut.SERVER_PROCESSING_COMPLETED)
    public void completed(RequestDetails request, ServletRequestDetails servletRequest) {
        if (!log.isInfoEnabled()) {
            return;
        }
        var response = servletRequest.getServletResponse();
        log.info(
                "{} {} {} -> {} in {} ms",
                request.getRequestType(),
                request.getRestOperationType(),
                request.getResourceName() == null ? "-" : request.getResourceName(),
                response == null ? "?" : response.getStatus(),
                request.getRequestStopwatch().getMillis());
    }
}
