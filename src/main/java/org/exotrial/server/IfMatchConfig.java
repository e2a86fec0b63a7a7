package org.exotrial.server;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Version-aware updates as FHIR specifies them: an update whose {@code If-Match} names a version that is not the
 * current one gets 412 Precondition Failed, and the current version stays. HAPI answers the mismatch with 409, as for
 * any version conflict. And an {@code If-Match} update of a resource that does not exist is refused with 412 too
 * (RFC 9110: the condition is false without a current representation), where HAPI would create it: the client
 * expected to change a version it had read, perhaps of a resource deleted since.
 */
@Configuration(proxyBeanMethods = false)
class IfMatchConfig {

    @Bean
    FhirServerCustomizer ifMatchCustomizer() {
        return server -> server.registerInterceptor(new IfMatchPreconditions());
    }
}
