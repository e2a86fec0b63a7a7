package org.exotrial.blinding;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import org.hl7.fhir.r4.model.Bundle;

/**
 * HAPI's consent interceptor clears {@code Bundle.total} of every response it reviews, because a consent service may
 * drop resources. Blinding masks elements but never drops a resource, so the total stays true: it is noted before
 * the review and put back after it ({@code _summary=count} keeps working for blinded analysts).
 */
@Interceptor
final class SearchTotalKeeper {

    private static final String KEY = SearchTotalKeeper.class.getName();

    @Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = -100)
    public void note(RequestDetails request, ResponseDetails response) {
        if (response.getResponseResource() instanceof Bundle bundle && bundle.hasTotal()) {
            request.getUserData().put(KEY, bundle.getTotal());
        }
    }

    @Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = 100)
    public void restore(RequestDetails request, ResponseDetails response) {
        if (request.getUserData().get(KEY) instanceof Integer total
                && response.getResponseResource() instanceof Bundle bundle
                && !bundle.hasTotal()) {
            bundle.setTotal(total);
        }
    }
}
