package org.exotrial.security.access;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.server.RestfulServer;
import org.exotrial.server.StorageHook;

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

    /**
     * The registry's ResearchSubject updates, checked and merged among the storage hooks that guard every write
     * ({@link RegistryIdentifiers}), stage GUARD: before the guide's validation, which must see the merged subject.
     */
    public static StorageHook registryIdentifiers(DaoRegistry daos) {
        return new StorageHook(StorageHook.Stage.GUARD, new RegistryIdentifiers(daos));
    }
}
