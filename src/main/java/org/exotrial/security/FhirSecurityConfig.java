package org.exotrial.security;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import org.exotrial.security.access.ScopeEnforcement;
import org.exotrial.server.FhirServerCustomizer;
import org.exotrial.server.StorageHook;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Plugs scope enforcement into the FHIR endpoint, unless security is off. (The SMART configuration and the advertised
 * security are in {@code security.discovery}.)
 */
@Configuration(proxyBeanMethods = false)
class FhirSecurityConfig {

    @Bean
    FhirServerCustomizer scopeEnforcement(SecurityProperties security) {
        return server -> {
            if (security.enabled()) {
                ScopeEnforcement.register(server);
            }
        };
    }

    /** Inert without a caller's token (security off): the server's own writes are not a registry's. */
    @Bean
    StorageHook registryIdentifiers(DaoRegistry daos) {
        return ScopeEnforcement.registryIdentifiers(daos);
    }
}
