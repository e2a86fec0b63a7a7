package org.exotrial.export;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import org.exotrial.audit.ExportAudit;
import org.exotrial.security.access.Caller;
import org.exotrial.security.access.Callers;

/**
 * Records each started export job in the audit trail ({@link ExportAudit}), beside the request's own event: the job id
 * exists only once HAPI has started the job and written the poll URL into the response.
 */
@Interceptor
final class ExportStartAudit {

    private static final String JOB_ID = "_jobId=";

    private final ExportAudit audit;

    ExportStartAudit(ExportAudit audit) {
        this.audit = audit;
    }

    /** SERVER_PROCESSING_COMPLETED_NORMALLY: a kick-off that answered 202 with its Content-Location. */
    @Hook(Pointcut.SERVER_PROCESSING_COMPLETED_NORMALLY)
    public void completed(RequestDetails request, ServletRequestDetails servlet) {
        if (servlet == null || !ExportRequests.EXPORT.equals(request.getOperation())) {
            return;
        }
        String location = servlet.getServletResponse().getHeader("Content-Location");
        if (location == null || !location.contains(JOB_ID)) {
            return;
        }
        String jobId = location.substring(location.indexOf(JOB_ID) + JOB_ID.length());
        Caller caller = Callers.of(request);
        audit.started(caller == null ? "unauthenticated" : caller.clientId(), jobId, request.getCompleteUrl());
    }
}
