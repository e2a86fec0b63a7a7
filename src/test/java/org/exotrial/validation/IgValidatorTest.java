package org.exotrial.validation;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.Set;
import org.exotrial.ig.ImplementationGuide;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.junit.jupiter.api.Test;

/** The validator the server builds in the background must validate the first write as fully as any later one. */
class IgValidatorTest {

    private static final Set<String> SUBJECT = Set.of(ImplementationGuide.PROFILE_BASE + "exotrial-subject");

    @Test
    void aWriteArrivingWhileTheValidatorIsBuiltWaitsAndIsValidated() {
        IgValidator validator = IgValidator.buildingInBackground(FhirContext.forR4Cached());

        ResearchSubject noIdentifier = new ResearchSubject();
        noIdentifier.setStatus(ResearchSubject.ResearchSubjectStatus.ONSTUDY);
        noIdentifier.setStudy(new Reference("ResearchStudy/lar-exosome-trial"));
        noIdentifier.setIndividual(new Reference("Patient/lar-01-patient"));

        assertThat(validator.errors(noIdentifier, SUBJECT))
                .anySatisfy(m -> assertThat(m.getMessage()).contains("ResearchSubject.identifier"));
    }
}
