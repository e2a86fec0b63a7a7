package org.exotrial.validation;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.Optional;
import java.util.Set;
import org.exotrial.ig.ImplementationGuide;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.junit.jupiter.api.Test;

/** The validator the server builds in the background must validate the first write as fully as any later one. */
class IgValidatorTest {

    private static final Set<String> SUBJECT = Set.of(ImplementationGuide.PROFILE_BASE + "exotrial-subject");

    @Test
    void aWriteArrivingWhileTheValidatorIsBuiltWaitsAndIsValidated() {
        IgValidator validator = IgValidator.buildingInBackground(FhirContext.forR4Cached(), Optional.empty());

        ResearchSubject noIdentifier = new ResearchSubject();
        noIdentifier.setStatus(ResearchSubject.ResearchSubjectStatus.ONSTUDY);
        noIdentifier.setStudy(new Reference("ResearchStudy/lar-exosome-trial"));
        noIdentifier.setIndividual(new Reference("Patient/fistula-patient"));

        assertThat(validator.errors(noIdentifier, SUBJECT))
                .anySatisfy(m -> assertThat(m.getMessage()).contains("ResearchSubject.identifier"));
    }

    /**
     * The validator knows only the resource types it is given (ListedDefinitions): a listed type is validated, an
     * unlisted one is not even parsed. Without the listing both would validate.
     */
    @Test
    void onlyTheListedResourceTypesAreKnown() throws Exception {
        FhirContext fhir = FhirContext.forR4Cached();
        IgValidator validator = new IgValidator(
                fhir, IgValidator.newFhirValidator(fhir, Optional.of(Set.of("Patient", "Observation"))));

        Patient patient = new Patient();
        patient.setGender(Enumerations.AdministrativeGender.FEMALE);
        Device device = new Device();
        device.setStatus(Device.FHIRDeviceStatus.ACTIVE);

        assertThat(validator.errors(patient, Set.of())).isEmpty();
        assertThat(validator.errors(device, Set.of()))
                .anySatisfy(m -> assertThat(m.getMessage()).contains("unknown or unrecognized resource name 'Device'"));
    }
}
