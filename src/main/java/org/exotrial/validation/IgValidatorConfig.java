package org.exotrial.validation;

import ca.uhn.fhir.context.FhirContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The validator that enforces the guide on write. It reads the profiles straight from the package in the jar, so it
 * validates exactly what the conformance tests validate, without a database round trip per profile lookup.
 */
@Configuration(proxyBeanMethods = false)
class IgValidatorConfig {

    @Bean
    IgValidator igValidator(FhirContext fhir) {
        return IgValidator.buildingInBackground(fhir);
    }
}
