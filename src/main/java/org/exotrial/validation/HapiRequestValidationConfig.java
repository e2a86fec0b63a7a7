package org.exotrial.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.rest.server.interceptor.RequestValidatingInterceptor;
import ca.uhn.fhir.validation.IInstanceValidatorModule;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import java.util.List;
import org.exotrial.server.FhirServerCustomizer;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * HAPI's own request validation, exactly as the HAPI JPA starter switches it on with
 * {@code hapi.fhir.validation.requests_enabled=true}: a {@link RequestValidatingInterceptor} on the REST server, with
 * HAPI's JPA instance validator ({@code myInstanceValidator}: a {@link FhirInstanceValidator} on HAPI's JPA validation
 * support chain, which finds the installed guide's StructureDefinitions in the database), failing a request on any
 * ERROR. It exists only so the benchmark can run what a user of the HAPI starter with the guide loaded would run
 * ({@code exotrial.validation.hapi-request-validation=true}, with {@code exotrial.validation.enabled=false}); ExoTrial
 * itself enforces the guide with {@link WriteConformanceConfig}, and no deployment should set it.
 *
 * <p>One module is added to HAPI's chain, the one ExoTrial's own validator has ({@link IgValidator}): LOINC and SNOMED
 * CT cannot be loaded offline, and without it HAPI's validator fails every code of theirs as "CodeSystem is unknown and
 * can't be validated", refusing most of the cohort's bundles (those with laboratory results). With it, both validators
 * accept such a code with a warning and check everything else the guide says.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "exotrial.validation.hapi-request-validation", havingValue = "true")
class HapiRequestValidationConfig {

    @Bean
    FhirServerCustomizer hapiRequestValidation(
            @Qualifier(WriteConformanceConfig.HAPI_INSTANCE_VALIDATOR) IInstanceValidatorModule validator,
            IValidationSupport hapiChain,
            FhirContext fhir) {
        if (!(validator instanceof FhirInstanceValidator) || !(hapiChain instanceof ValidationSupportChain chain)) {
            // With exotrial.validation.enabled ExoTrial's write validation stands in HAPI's validator's place.
            throw new IllegalStateException("HAPI's request validation needs HAPI's own instance validator and chain;"
                    + " found " + validator.getClass().getName() + " on "
                    + hapiChain.getClass().getName()
                    + " (set exotrial.validation.enabled=false)");
        }
        UnknownCodeSystemWarningValidationSupport external = new UnknownCodeSystemWarningValidationSupport(fhir);
        external.setNonExistentCodeSystemSeverity(IValidationSupport.IssueSeverity.WARNING);
        chain.addValidationSupport(external);
        chain.invalidateCaches();
        RequestValidatingInterceptor interceptor = new RequestValidatingInterceptor();
        interceptor.setFailOnSeverity(ResultSeverityEnum.ERROR);
        interceptor.setValidatorModules(List.of(validator));
        // Only ever adds issues to OperationOutcome responses, which the writes measured never get.
        interceptor.setAddValidationResultsToResponseOperationOutcome(false);
        return server -> server.registerInterceptor(interceptor);
    }
}
