package org.exotrial.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationOptions;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.exotrial.ig.ImplementationGuide;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.NpmPackageValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.StructureDefinition;

/** Validates a resource against named IG profiles and returns only what makes it non-conformant (errors). */
public final class IgValidator {

    private final FhirContext fhir;
    private final FhirValidator validator;

    IgValidator(FhirContext fhir, FhirValidator validator) {
        this.fhir = fhir;
        this.validator = validator;
    }

    /**
     * The validation chain, reading the profiles straight from the package in the jar. Public so the conformance
     * tests validate with exactly the chain the server enforces.
     */
    public static FhirValidator newFhirValidator(FhirContext fhir) throws IOException {
        NpmPackageValidationSupport npm = new NpmPackageValidationSupport(fhir);
        npm.loadPackageFromClasspath("classpath:" + ImplementationGuide.CLASSPATH_LOCATION);
        UnknownCodeSystemWarningValidationSupport external = new UnknownCodeSystemWarningValidationSupport(fhir);
        // LOINC and SNOMED CT cannot be loaded offline: their codes are accepted (a warning), but membership in the
        // IG's value sets is still checked, and the IG's own code systems are validated in full.
        external.setNonExistentCodeSystemSeverity(IValidationSupport.IssueSeverity.WARNING);
        ValidationSupportChain chain = new ValidationSupportChain(
                withSnapshots(fhir, npm),
                npm,
                new DefaultProfileValidationSupport(fhir),
                new SnapshotGeneratingValidationSupport(fhir),
                new InMemoryTerminologyServerValidationSupport(fhir),
                new CommonCodeSystemsTerminologyService(fhir),
                external);
        FhirInstanceValidator module = new ReusingInstanceValidator(chain);
        module.setErrorForUnknownProfiles(true);
        return fhir.newValidator().registerValidatorModule(module);
    }

    /**
     * The guide's profiles with their snapshots generated once, here. SUSHI publishes differentials only, and the
     * validator otherwise regenerates a profile's snapshot on many of its lookups (seen in profiles of write-time
     * validation); answering from this set first makes every lookup find a snapshot.
     */
    private static PrePopulatedValidationSupport withSnapshots(FhirContext fhir, NpmPackageValidationSupport npm) {
        ValidationSupportChain generator = new ValidationSupportChain(
                npm, new DefaultProfileValidationSupport(fhir), new SnapshotGeneratingValidationSupport(fhir));
        ValidationSupportContext context = new ValidationSupportContext(generator);
        PrePopulatedValidationSupport snapshots = new PrePopulatedValidationSupport(fhir);
        for (IBaseResource profile : npm.<IBaseResource>fetchAllStructureDefinitions()) {
            StructureDefinition definition = (StructureDefinition) profile;
            snapshots.addStructureDefinition(
                    definition.hasSnapshot()
                            ? definition
                            : generator.generateSnapshot(
                                    context, definition, definition.getUrl(), null, definition.getName()));
        }
        return snapshots;
    }

    public List<SingleValidationMessage> errors(IBaseResource resource, Set<String> profiles) {
        ValidationOptions options = new ValidationOptions();
        profiles.forEach(options::addProfile);
        return validator.validateWithResult(resource, options).getMessages().stream()
                .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                .toList();
    }

    FhirContext fhirContext() {
        return fhir;
    }
}
