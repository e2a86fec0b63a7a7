package org.exotrial.server;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One access-log line per FHIR request that carries no patient data: the operation, the resource type and the status,
 * never the query string, resource ids or bodies (search parameters can hold names and identifiers).
 */
@Configuration(proxyBeanMethods = false)
class RequestLogConfig {

    @Bean
    FhirServerCustomizer requestLogCustomizer() {
        return server -> server.registerInterceptor(new AccessLog());
    }
}
