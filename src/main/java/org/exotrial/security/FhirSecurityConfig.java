package org.exotrial.security;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import org.exotrial.security.access.ScopeEnforcement;
import org.exotrial.server.FhirServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Plugs scope enforcement into the FHIR endpoint, unless security is off. (The SMART configuration and the advertised
 * security are in {@code security.discovery}.)
 */
@Configuration(proxyBeanMethods = false)
class FhirSecurityConfig {

    @Bean
    FhirServerCustomizer scopeEnforcement(SecurityProperties security, DaoRegistry daos) {
        return server -> {
            if (security.enabled()) {
                ScopeEnforcement.register(server, daos);
            }
        };
    }
}
