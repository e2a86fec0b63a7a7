package org.exotrial.guards;

import org.exotrial.server.FhirServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Malformed input is the client's to fix: 400 with a reason, never 500 ({@link MalformedInput}). */
@Configuration(proxyBeanMethods = false)
class MalformedInputConfig {

    @Bean
    FhirServerCustomizer malformedInputCustomizer() {
        return server -> server.registerInterceptor(new MalformedInput());
    }
}
