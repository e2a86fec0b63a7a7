package org.exotrial.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * An interceptor that checks every resource about to be stored, whether created or updated, plainly, conditionally or
 * as a transaction entry. HAPI calls these hooks inside the write's database transaction, before anything is stored,
 * so a check that throws rolls back the whole request, every other entry of a transaction bundle included.
 *
 * <p>HAPI's interceptor registry finds the inherited hooks; a subclass's {@code @Interceptor(order)} still applies.
 */
public abstract class StoredResourceCheck {

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
    public void created(RequestDetails request, IBaseResource resource) {
        check(request, resource);
    }

    /** An update is checked as the resource it will store, not as the one it replaces. */
    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
    public void updated(RequestDetails request, IBaseResource oldResource, IBaseResource newResource) {
        check(request, newResource);
    }

    /**
     * Throws a HAPI server exception (its status and message become the response) when the resource must not be
     * stored. {@code request} is null for the server's own writes that no request carries.
     */
    protected abstract void check(RequestDetails request, IBaseResource resource);
}
