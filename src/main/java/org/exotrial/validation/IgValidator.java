package org.exotrial.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationOptions;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import org.exotrial.ig.ImplementationGuide;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.NpmPackageValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Validates a resource against named IG profiles and returns only what makes it non-conformant (errors). */
public final class IgValidator {

    private static final Logger log = LoggerFactory.getLogger(IgValidator.class);

    private final FhirContext fhir;
    private final CompletableFuture<FhirValidator> validator;
    private final AtomicLong validations = new AtomicLong();

    IgValidator(FhirContext fhir, FhirValidator validator) {
        this(fhir, CompletableFuture.completedFuture(validator));
    }

    private IgValidator(FhirContext fhir, CompletableFuture<FhirValidator> validator) {
        this.fhir = fhir;
        this.validator = validator;
    }

    /**
     * Builds the validation chain on a thread of its own. Generating the guide's snapshots takes about 20 s of CPU on
     * a cold JVM, a quarter of startup when done on the main thread, and nothing needs it before the first write: the
     * server answers reads meanwhile, and a write that arrives earlier waits for the chain to be ready.
     */
    static IgValidator buildingInBackground(FhirContext fhir, Optional<Set<String>> resourceTypes) {
        CompletableFuture<FhirValidator> building = new CompletableFuture<>();
        Thread thread = new Thread(
                () -> {
                    long start = System.nanoTime();
                    try {
                        building.complete(newFhirValidator(fhir, resourceTypes));
                        log.info("Validator ready in {} ms", (System.nanoTime() - start) / 1_000_000);
                    } catch (IOException | RuntimeException e) {
                        log.error("The validator could not be built; every write will fail", e);
                        building.completeExceptionally(e);
                    }
                },
                "validator-build");
        thread.setDaemon(true);
        thread.start();
        return new IgValidator(fhir, building);
    }

    /**
     * The validation chain, reading the profiles straight from the package in the jar, with every R4 resource type
     * known. Public so the conformance tests validate with the chain the server enforces; the server's own lists only
     * the types it stores, which changes what can be parsed, not how a parsed resource is judged.
     */
    public static FhirValidator newFhirValidator(FhirContext fhir) throws IOException {
        return newFhirValidator(fhir, Optional.empty());
    }

    /**
     * @param resourceTypes the resource types the server stores ({@link ListedDefinitions}); empty for all of R4
     */
    public static FhirValidator newFhirValidator(FhirContext fhir, Optional<Set<String>> resourceTypes)
            throws IOException {
        NpmPackageValidationSupport npm = new NpmPackageValidationSupport(fhir);
        npm.loadPackageFromClasspath("classpath:" + ImplementationGuide.CLASSPATH_LOCATION);
        UnknownCodeSystemWarningValidationSupport external = new UnknownCodeSystemWarningValidationSupport(fhir);
        // LOINC and SNOMED CT cannot be loaded offline: their codes are accepted (a warning), but membership in the
        // IG's value sets is still checked, and the IG's own code systems are validated in full.
        external.setNonExistentCodeSystemSeverity(IValidationSupport.IssueSeverity.WARNING);
        // One copy of FHIR's own ~650 StructureDefinitions, for the snapshot generator and the validator alike; only
        // the data types and these resource types listed, so only those are copied into the validator's R5 model.
        IValidationSupport core = new ListedDefinitions(new DefaultProfileValidationSupport(fhir), resourceTypes);
        // The package carries its profiles' snapshots (generated at build time, decision 40). The snapshot generator
        // stays in the chain for any definition without one, so a profile is never judged by its differential alone.
        ValidationSupportChain chain = new ValidationSupportChain(
                npm,
                core,
                new SnapshotGeneratingValidationSupport(fhir),
                new InMemoryTerminologyServerValidationSupport(fhir),
                new CommonCodeSystemsTerminologyService(fhir),
                external);
        FhirInstanceValidator module = new ReusingInstanceValidator(chain);
        module.setErrorForUnknownProfiles(true);
        return fhir.newValidator().registerValidatorModule(module);
    }

    /** What makes the resource non-conformant: FHIR's core rules, and those of the given profiles. */
    public List<SingleValidationMessage> errors(IBaseResource resource, Set<String> profiles) {
        return messages(resource, profiles).stream()
                .filter(IgValidator::isError)
                .toList();
    }

    /** Every message, warnings and information included (what {@code $validate} answers). */
    List<SingleValidationMessage> messages(IBaseResource resource, Set<String> profiles) {
        ValidationOptions options = new ValidationOptions();
        profiles.forEach(options::addProfile);
        validations.incrementAndGet();
        return ready().validateWithResult(resource, options).getMessages();
    }

    static boolean isError(SingleValidationMessage m) {
        return m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal();
    }

    /** Resources validated since start; lets tests prove a resource is validated once, not once per pass. */
    public long validations() {
        return validations.get();
    }

    /** The chain, waiting for it if it is still being built; a chain that failed to build fails the write (500). */
    private FhirValidator ready() {
        try {
            return validator.join();
        } catch (CompletionException e) {
            throw new InternalErrorException(
                    "The validator is unavailable: " + e.getCause().getMessage(), e);
        }
    }

    FhirContext fhirContext() {
        return fhir;
    }
}
