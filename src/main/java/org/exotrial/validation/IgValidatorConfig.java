package org.exotrial.validation;

import ca.uhn.fhir.context.FhirContext;
import org.exotrial.server.FhirServerProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The validator that enforces the guide on write. It reads the profiles straight from the package in the jar, so it
 * validates exactly what the conformance tests validate, without a database round trip per profile lookup.
 *
 * <p>Only built when writes are validated: with {@code exotrial.validation.enabled=false} (the benchmark's stock
 * baseline) nothing uses it, and building it would charge that baseline ExoTrial's own startup CPU and memory.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "exotrial.validation.enabled", havingValue = "true", matchIfMissing = true)
class IgValidatorConfig {

    @Bean
    IgValidator igValidator(FhirContext fhir, FhirServerProperties server) {
        return IgValidator.buildingInBackground(fhir, server.storedResourceTypes());
    }
}
