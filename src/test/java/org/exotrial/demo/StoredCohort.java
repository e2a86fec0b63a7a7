package org.exotrial.demo;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import org.exotrial.cohort.CohortGenerator;
import org.exotrial.ig.IgNames;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;

/** What a server holds of the demo cohort, checked against the cohort as the loader generates it. */
final class StoredCohort {

    private StoredCohort() {}

    /**
     * Each of the first {@code size} generated participants is stored whole: its patient once, and every resource of
     * its bundle. A participant lost, stored twice or half-written fails, naming its MRN.
     */
    static void assertEveryParticipantStoredWhole(IGenericClient client, int size) {
        CohortGenerator generator = new CohortGenerator(DemoDataLoader.COHORT_SEED);
        for (int i = 0; i < size; i++) {
            Bundle sent = generator.participant(i);
            Patient patient = (Patient) sent.getEntry().get(0).getResource();
            String mrn = patient.getIdentifierFirstRep().getValue();

            Bundle stored = client.search()
                    .byUrl("Patient?identifier=" + IgNames.SID_MRN + "|" + mrn + "&_revinclude=*")
                    .returnBundle(Bundle.class)
                    .execute();

            assertThat(stored.getEntry())
                    .as("participant %s: the patient once", mrn)
                    .filteredOn(e -> e.getResource() instanceof Patient)
                    .hasSize(1);
            // Every generated resource refers to the patient (the audit trail and the study's Group, which the
            // server writes, do too: not counted).
            assertThat(stored.getEntry())
                    .as("participant %s: every resource of its bundle", mrn)
                    .filteredOn(e -> !(e.getResource() instanceof AuditEvent)
                            && !(e.getResource() instanceof org.hl7.fhir.r4.model.Group))
                    .hasSize(sent.getEntry().size());
        }
    }
}
