package org.exotrial.security.access;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.exotrial.server.StoredResourceCheck;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * No client writes the audit trail, not even an admin with {@code system/*.cruds}. Checked at the storage layer, so
 * transaction entries are covered. (HAPI deny rules cannot do this: they also match every conditional delete.)
 */
@Interceptor
final class ServerWrittenTypesGuard extends StoredResourceCheck {

    /** Refuses direct writes early, also those that would touch nothing (deleting an id that does not exist). */
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void request(RequestDetails request, RestOperationTypeEnum operation) {
        Permission permission = Permission.of(operation);
        if (permission != null
                && permission.writes()
                && Role.SERVER_WRITTEN_TYPES.contains(request.getResourceName())
                && Callers.of(request) != Caller.SYSTEM) {
            throw new ForbiddenOperationException("Only the server writes " + request.getResourceName() + " resources");
        }
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
    public void deleted(RequestDetails request, IBaseResource resource) {
        check(request, resource);
    }

    @Override
    protected void check(RequestDetails request, IBaseResource resource) {
        String type = resource.fhirType();
        if (Role.SERVER_WRITTEN_TYPES.contains(type) && Callers.of(request) != Caller.SYSTEM) {
            throw new ForbiddenOperationException("Only the server writes " + type + " resources");
        }
    }
}
