package org.exotrial.security.access;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;

/**
 * SMART v2 tells reading by id ({@code r}) from searching ({@code s}); HAPI's authorization rules do not. System-wide search and history span every
 * type, so they need search rights on every type ({@code system/*.s}, which the {@code ehr} role's boundary
 * excludes).
 */
@Interceptor
final class SearchOrRead {

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void check(RequestDetails request, RestOperationTypeEnum operation) {
        Caller caller = Callers.of(request);
        if (caller == null || caller == Caller.SYSTEM) {
            return;
        }
        Permission needed = Permission.of(operation);
        if (needed == null || needed.writes()) {
            return; // writes are checked by WritePermissions
        }
        boolean systemWide =
                operation == RestOperationTypeEnum.SEARCH_SYSTEM || operation == RestOperationTypeEnum.HISTORY_SYSTEM;
        String type = systemWide ? SmartScope.ANY_TYPE : request.getResourceName();
        if (!caller.may(type, needed)) {
            throw new ForbiddenOperationException(Refusals.message(caller, type, needed));
        }
    }
}
