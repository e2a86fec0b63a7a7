package org.exotrial.validation;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Claim;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Resources outside the trial get FHIR's core validation. A hospital's real export must pass it: one resource of each
 * type of a Synthea 3.3 patient bundle (US Core profiles claimed, LOINC and SNOMED CT codes that cannot be checked
 * offline, conditional references). Writes the median validation time per type to
 * {@code target/core-validation-times.md}.
 */
class CoreValidationTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final Path SAMPLE = Path.of("src/test/resources/validation/synthea-one-of-each-type.json");
    private static IgValidator validator;
    private static Bundle sample;

    @BeforeAll
    static void build() throws Exception {
        validator = new IgValidator(FHIR, IgValidator.newFhirValidator(FHIR, Optional.empty()));
        sample = FHIR.newJsonParser().parseResource(Bundle.class, Files.readString(SAMPLE));
    }

    @Test
    void aHospitalExportPassesCoreValidation() {
        for (var entry : sample.getEntry()) {
            IBaseResource resource = entry.getResource();
            assertThat(validator.errors(resource, ProfileSelector.requiredProfiles(resource)))
                    .as(resource.fhirType())
                    .extracting(SingleValidationMessage::getMessage)
                    .isEmpty();
        }
    }

    @Test
    void profilesOfOtherGuidesAreReportedAsNotCheckedNotRefused() {
        IBaseResource patient = sample.getEntry().get(0).getResource();
        assertThat(patient.getMeta().getProfile()).isNotEmpty();

        List<SingleValidationMessage> messages = validator.messages(patient, Set.of());

        assertThat(messages)
                .filteredOn(m -> m.getMessage().contains("us-core-patient"))
                .isNotEmpty()
                .allSatisfy(m -> assertThat(IgValidator.isError(m)).isFalse());
    }

    @Test
    void anUnknownProfileOfTheGuideIsAnError() {
        Claim claim = (Claim) sample.getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResource)
                .filter(Claim.class::isInstance)
                .findFirst()
                .orElseThrow();
        Claim claiming = claim.copy();
        claiming.getMeta().addProfile("https://exotrial.org/fhir/StructureDefinition/exotrial-no-such-profile");

        assertThat(validator.errors(claiming, Set.of()))
                .anySatisfy(m -> assertThat(m.getMessage()).contains("exotrial-no-such-profile"));
    }

    @Test
    void aResourceOutsideTheTrialIsHeldToTheCoreRules() {
        Claim claim = (Claim) sample.getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResource)
                .filter(Claim.class::isInstance)
                .findFirst()
                .orElseThrow();
        Claim noPatient = claim.copy();
        noPatient.setPatient(null);

        assertThat(validator.errors(noPatient, Set.of()))
                .anySatisfy(m -> assertThat(m.getMessage()).contains("Claim.patient"));
    }

    /** Median of 20 validations per type, after 10 to warm up; the figures docs/ig/README.md quotes. */
    @Test
    void writesTheCostPerType() throws Exception {
        Map<String, List<Long>> micros = new TreeMap<>();
        for (int round = 0; round < 30; round++) {
            for (var entry : sample.getEntry()) {
                IBaseResource resource = entry.getResource();
                Set<String> profiles = ProfileSelector.requiredProfiles(resource);
                long start = System.nanoTime();
                validator.errors(resource, profiles);
                long took = (System.nanoTime() - start) / 1000;
                if (round >= 10) {
                    micros.computeIfAbsent(resource.fhirType(), k -> new ArrayList<>())
                            .add(took);
                }
            }
        }
        StringBuilder table = new StringBuilder("| type | median ms |\n|---|---|\n");
        micros.forEach((type, times) -> {
            Collections.sort(times);
            table.append("| ")
                    .append(type)
                    .append(" | ")
                    .append(String.format("%.1f", times.get(times.size() / 2) / 1000.0))
                    .append(" |\n");
        });
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/core-validation-times.md"), table);
        assertThat(micros).hasSize(sample.getEntry().size());
    }
}
