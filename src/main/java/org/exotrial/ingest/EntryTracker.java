package org.exotrial.ingest;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * A storage hook that remembers which resource of a transaction is being written, so that a failure during its write
 * can be traced to its entry ({@link FailingEntryLocator}).
 */
final class EntryTracker {

    /** Where the resource being written is kept in the request's user data. */
    static final String CURRENT = EntryTracker.class.getName() + ".current";

    /**
     * STORAGE_PRESTORAGE_RESOURCE_CREATED / _UPDATED, before every other hook (order): remembers which
     * resource of the request is being written, so a failure during its write can be traced to its entry.
     */
    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = -1000)
    public void creating(RequestDetails request, IBaseResource resource) {
        remember(request, resource);
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = -1000)
    public void updating(RequestDetails request, IBaseResource newResource) {
        remember(request, newResource);
    }

    private static void remember(RequestDetails request, IBaseResource resource) {
        if (request != null && request.getRestOperationType() == RestOperationTypeEnum.TRANSACTION) {
            request.getUserData().put(CURRENT, resource);
        }
    }
}
