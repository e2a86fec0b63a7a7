package org.exotrial.security.access;

import ca.uhn.fhir.rest.server.RestfulServer;

/**
 * The FHIR layer's checks of every client request against its token's scopes and its role's ceiling, registered on
 * the server together and in this order: the checks on arrival first ({@link SearchOrRead}, {@link WritePermissions}),
 * then the storage-level rules ({@link ScopeAuthorization}) and the guards of the audit trail and of subscriptions.
 */
public final class ScopeEnforcement {

    private ScopeEnforcement() {}

    public static void register(RestfulServer server) {
        server.registerInterceptor(new SearchOrRead());
        server.registerInterceptor(new WritePermissions());
        server.registerInterceptor(new ScopeAuthorization());
        server.registerInterceptor(new ServerWrittenTypesGuard());
        server.registerInterceptor(new SubscriptionOwnership());
    }
}
