package org.exotrial.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import org.hl7.fhir.instance.model.api.IBaseResource;

/** The If-Match rules of {@link IfMatchConfig}: 412 for a stale version, and for an update that would create. */
final class IfMatchPreconditions {

    static boolean hasIfMatch(RequestDetails request) {
        return request != null && request.getHeader(Constants.HEADER_IF_MATCH) != null;
    }

    /**
     * SERVER_PRE_PROCESS_OUTGOING_EXCEPTION: before the transaction error locator, which answers every HAPI
     * exception (the first answer wins).
     */
    @Hook(value = Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION, order = -50)
    public BaseServerResponseException mismatch(RequestDetails request, Throwable exception) {
        if (exception instanceof ResourceVersionConflictException && hasIfMatch(request)) {
            return new PreconditionFailedException(exception.getMessage());
        }
        return null;
    }

    /** STORAGE_PRESTORAGE_RESOURCE_CREATED: an update that would create, inside its transaction. */
    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
    public void created(RequestDetails request, IBaseResource resource) {
        if (hasIfMatch(request) && request.getRestOperationType() == RestOperationTypeEnum.UPDATE) {
            throw new PreconditionFailedException("If-Match " + request.getHeader(Constants.HEADER_IF_MATCH)
                    + " names a version of " + resource.fhirType() + "/"
                    + resource.getIdElement().getIdPart()
                    + ", which does not exist");
        }
    }
}
