package org.exotrial.security.access;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Finds the {@link Caller} of a FHIR request. */
public final class Callers {

    private Callers() {}

    /**
     * The caller of the request: the token's client for HTTP requests, {@link Caller#SYSTEM} for the server's own
     * work (a {@link SystemRequestDetails} or no request at all). {@code null} for an HTTP request without a validated
     * token, which the security filter chain never lets through to the FHIR layer.
     */
    public static Caller of(RequestDetails request) {
        if (request == null || request instanceof SystemRequestDetails) {
            return Caller.SYSTEM;
        }
        return current();
    }

    /** The caller whose validated token the current HTTP request carries, or null when there is none. */
    public static Caller current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof CallerAuthentication token ? token.caller() : null;
    }
}
