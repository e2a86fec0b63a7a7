package org.exotrial.ingest;

import org.exotrial.server.FhirServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Resent hospital records are stored once ({@link SenderUuidIds}). */
@Configuration(proxyBeanMethods = false)
class SenderUuidIdsConfig {

    @Bean
    FhirServerCustomizer senderUuidIds() {
        return server -> server.registerInterceptor(new SenderUuidIds());
    }
}
