package org.exotrial.audit;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.HookParams;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.interceptor.executor.InterceptorService;
import ca.uhn.fhir.rest.api.InterceptorInvocationTimingEnum;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;

/**
 * Passes BALP only the hook calls of requests that came in over HTTP. BALP's hooks take a {@link ServletRequestDetails}
 * and fail on anything else, yet the HL7 v2 ingest calls the DAOs with a {@code SystemRequestDetails} that carries the
 * REST server's interceptors (so conflict retry applies to v2 too): registered on the REST server directly, BALP would
 * fail every v2 message. So BALP sits on an interceptor service of its own, and this gate forwards the four pointcuts
 * it uses when there is a servlet request.
 */
final class ServletRequestsOnly {

    private final IInterceptorService balp = new InterceptorService("balp");
    private final SearchPatients searchPatients;

    ServletRequestsOnly(Object balpInterceptor, SearchPatients searchPatients) {
        balp.registerInterceptor(balpInterceptor);
        this.searchPatients = searchPatients;
    }

    @Hook(Pointcut.STORAGE_PRESHOW_RESOURCES)
    public void shown(IPreResourceShowDetails details, RequestDetails request, ServletRequestDetails servlet) {
        if (servlet != null) {
            HeldUntilAnswered.whileShowing(
                    servlet,
                    () -> balp.callHooks(
                            Pointcut.STORAGE_PRESHOW_RESOURCES,
                            new HookParams()
                                    .add(IPreResourceShowDetails.class, searchPatients.forBalp(details, servlet))
                                    .add(RequestDetails.class, request)
                                    .add(ServletRequestDetails.class, servlet)));
        }
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void created(
            IBaseResource resource,
            RequestDetails request,
            ServletRequestDetails servlet,
            TransactionDetails transaction,
            InterceptorInvocationTimingEnum timing) {
        if (servlet != null) {
            balp.callHooks(
                    Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED,
                    common(request, servlet, transaction, timing).add(IBaseResource.class, resource));
        }
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    public void updated(
            IBaseResource oldResource,
            IBaseResource newResource,
            RequestDetails request,
            ServletRequestDetails servlet,
            TransactionDetails transaction,
            InterceptorInvocationTimingEnum timing) {
        if (servlet != null) {
            balp.callHooks(
                    Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED,
                    common(request, servlet, transaction, timing)
                            .add(IBaseResource.class, oldResource)
                            .add(IBaseResource.class, newResource));
        }
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
    public void deleted(
            IBaseResource resource,
            IIdType id,
            RequestDetails request,
            ServletRequestDetails servlet,
            TransactionDetails transaction,
            InterceptorInvocationTimingEnum timing) {
        if (servlet != null) {
            balp.callHooks(
                    Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED,
                    common(request, servlet, transaction, timing)
                            .add(IBaseResource.class, resource)
                            .add(IIdType.class, id));
        }
    }

    private static HookParams common(
            RequestDetails request,
            ServletRequestDetails servlet,
            TransactionDetails transaction,
            InterceptorInvocationTimingEnum timing) {
        return new HookParams()
                .add(RequestDetails.class, request)
                .add(ServletRequestDetails.class, servlet)
                .add(TransactionDetails.class, transaction)
                .add(InterceptorInvocationTimingEnum.class, timing);
    }
}
