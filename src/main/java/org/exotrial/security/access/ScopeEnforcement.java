package org.exotrial.security.access;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.server.RestfulServer;

/**
 * The FHIR layer's checks of every client request against its token's scopes and its role's ceiling, registered on
 * the server together and in this order: the checks on arrival first ({@link SearchOrRead}, {@link WritePermissions}),
 * then the storage-level rules ({@link ScopeAuthorization}) and the guards of the audit trail, of subscriptions and of
 * registries' identifiers.
 */
public final class ScopeEnforcement {

    private ScopeEnforcement() {}

    public static void register(RestfulServer server, DaoRegistry daos) {
        server.registerInterceptor(new SearchOrRead());
        server.registerInterceptor(new WritePermissions());
        server.registerInterceptor(new ScopeAuthorization());
        server.registerInterceptor(new ServerWrittenTypesGuard());
        server.registerInterceptor(new SubscriptionOwnership());
        server.registerInterceptor(new RegistryIdentifiers(daos));
    }
}
