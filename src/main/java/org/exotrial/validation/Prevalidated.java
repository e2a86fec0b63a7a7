package org.exotrial.validation;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * The resources of a request that were validated before HAPI began writing them, so the storage-level check does not
 * validate them a second time (validation is most of what an ingest costs). Kept by identity, in the request: HAPI
 * stores a transaction entry's resource object itself, so what was validated is exactly what reaches storage.
 */
final class Prevalidated {

    private static final String KEY = Prevalidated.class.getName();

    private Prevalidated() {}

    static void add(RequestDetails request, IBaseResource resource) {
        set(request).add(resource);
    }

    static boolean contains(RequestDetails request, IBaseResource resource) {
        return request != null
                && request.getUserData().get(KEY) instanceof Set<?> validated
                && validated.contains(resource);
    }

    @SuppressWarnings("unchecked")
    private static Set<IBaseResource> set(RequestDetails request) {
        return (Set<IBaseResource>)
                request.getUserData().computeIfAbsent(KEY, k -> Collections.newSetFromMap(new IdentityHashMap<>()));
    }
}
