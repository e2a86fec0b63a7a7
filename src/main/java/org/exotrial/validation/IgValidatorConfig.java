package org.exotrial.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import java.io.IOException;
import org.exotrial.ig.ImplementationGuide;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.NpmPackageValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The validator that enforces the guide on write. It reads the profiles straight from the package in the jar, so it
 * validates exactly what the conformance tests validate, without a database round trip per profile lookup.
 */
@Configuration(proxyBeanMethods = false)
class IgValidatorConfig {

    @Bean
    IgValidator igValidator(FhirContext fhir) throws IOException {
        return new IgValidator(fhir, newValidator(fhir));
    }

    /** The validation chain; public so the conformance tests use the very same one. */
    static FhirValidator newValidator(FhirContext fhir) throws IOException {
        NpmPackageValidationSupport npm = new NpmPackageValidationSupport(fhir);
        npm.loadPackageFromClasspath("classpath:" + ImplementationGuide.CLASSPATH_LOCATION);
        UnknownCodeSystemWarningValidationSupport external = new UnknownCodeSystemWarningValidationSupport(fhir);
        // LOINC and SNOMED CT cannot be loaded offline: their codes are accepted (a warning), but membership in the
        // IG's value sets is still checked, and the IG's own code systems are validated in full.
        external.setNonExistentCodeSystemSeverity(IValidationSupport.IssueSeverity.WARNING);
        ValidationSupportChain chain = new ValidationSupportChain(
                npm,
                new DefaultProfileValidationSupport(fhir),
                new SnapshotGeneratingValidationSupport(fhir),
                new InMemoryTerminologyServerValidationSupport(fhir),
                new CommonCodeSystemsTerminologyService(fhir),
                external);
        FhirInstanceValidator module = new FhirInstanceValidator(chain);
        module.setErrorForUnknownProfiles(true);
        return fhir.newValidator().registerValidatorModule(module);
    }
}
