package org.exotrial.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.exotrial.cohort.CohortGenerator;
import org.exotrial.support.ServerIT;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

/** Demo mode loads the generated cohort beside the guide's examples, exactly as generated, and only once. */
class DemoCohortIT extends ServerIT {

    private static final String MRN = "https://exotrial.org/fhir/sid/mrn";

    @Test
    void everyGeneratedParticipantIsStoredWithAllItsResources() {
        CohortGenerator generator = new CohortGenerator(DemoDataLoader.COHORT_SEED);
        for (int i = 0; i < DEMO_COHORT_SIZE; i++) {
            Bundle sent = generator.participant(i);
            Patient patient = (Patient) sent.getEntry().get(0).getResource();
            String mrn = patient.getIdentifierFirstRep().getValue();

            Bundle stored = fhir().search()
                    .byUrl("Patient?identifier=" + MRN + "|" + mrn + "&_revinclude=*")
                    .returnBundle(Bundle.class)
                    .execute();

            assertThat(stored.getEntry())
                    .as("participant %s: the patient once, and everything that points at it", mrn)
                    .filteredOn(e -> e.getResource() instanceof Patient)
                    .hasSize(1);
            // Every generated resource refers to the patient (the audit trail does too: not counted).
            assertThat(stored.getEntry())
                    .filteredOn(e -> !(e.getResource() instanceof AuditEvent))
                    .hasSize(sent.getEntry().size());
        }
    }
}
