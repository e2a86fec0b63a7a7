package org.exotrial.security.access;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Subscription;

/**
 * A registry manages its own subscriptions only: each one it creates is tagged with its client id, and it can neither
 * see nor change another client's. (Subscriptions carry endpoints and headers, which may hold a registry's secrets.)
 * Admins see and manage all.
 */
@Interceptor
final class SubscriptionOwnership {

    static final String OWNER_SYSTEM = "https://exotrial.org/fhir/CodeSystem/subscription-owner";

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
    public void created(RequestDetails request, IBaseResource resource) {
        Caller caller = restricted(request, resource);
        if (caller != null) {
            Subscription subscription = (Subscription) resource;
            subscription.getMeta().getTag().removeIf(tag -> OWNER_SYSTEM.equals(tag.getSystem()));
            subscription.getMeta().addTag(OWNER_SYSTEM, caller.clientId(), null);
        }
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
    public void updated(RequestDetails request, IBaseResource oldResource, IBaseResource newResource) {
        Caller caller = restricted(request, oldResource);
        if (caller != null) {
            requireOwner(caller, oldResource);
            created(request, newResource);
        }
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
    public void deleted(RequestDetails request, IBaseResource resource) {
        Caller caller = restricted(request, resource);
        if (caller != null) {
            requireOwner(caller, resource);
        }
    }

    /** Other clients' subscriptions are left out of what a registry reads and searches. */
    @Hook(Pointcut.STORAGE_PRESHOW_RESOURCES)
    public void shown(RequestDetails request, IPreResourceShowDetails shown) {
        for (int i = 0; i < shown.size(); i++) {
            IBaseResource resource = shown.getResource(i);
            Caller caller = resource == null ? null : restricted(request, resource);
            if (caller != null && !owns(caller, resource)) {
                shown.setResource(i, null);
            }
        }
    }

    /** The caller, when the resource is a Subscription and the caller's role is held to its own. */
    private static Caller restricted(RequestDetails request, IBaseResource resource) {
        if (!(resource instanceof Subscription)) {
            return null;
        }
        Caller caller = Callers.of(request);
        return caller == null || caller.role() == Role.ADMIN ? null : caller;
    }

    private static void requireOwner(Caller caller, IBaseResource resource) {
        if (!owns(caller, resource)) {
            throw new ForbiddenOperationException("This subscription belongs to another client");
        }
    }

    private static boolean owns(Caller caller, IBaseResource resource) {
        return resource.getMeta().getTag(OWNER_SYSTEM, caller.clientId()) != null;
    }
}
