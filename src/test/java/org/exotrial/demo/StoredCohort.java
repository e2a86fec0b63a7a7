package org.exotrial.demo;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import org.exotrial.cohort.CohortGenerator;
import org.exotrial.ig.IgNames;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;

/** What a server holds of the demo cohort, checked against the cohort as the loader generates it. */
final class StoredCohort {

    private StoredCohort() {}

    /** Each resource of the bundle that has a business identifier, as {@code Type|system|value}. */
    private static java.util.Set<String> keys(Bundle bundle) {
        java.util.Set<String> keys = new java.util.TreeSet<>();
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            if (entry.getResource() == null) {
                continue;
            }
            var identifier = new ca.uhn.fhir.util.FhirTerser(ca.uhn.fhir.context.FhirContext.forR4Cached())
                    .getValues(entry.getResource(), "identifier", org.hl7.fhir.r4.model.Identifier.class);
            for (org.hl7.fhir.r4.model.Identifier id : identifier) {
                keys.add(entry.getResource().fhirType() + "|" + id.getSystem() + "|" + id.getValue());
            }
        }
        return keys;
    }

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
            // Every generated resource refers to the patient, and each is found by its business identifier. Other
            // resources may refer to it too (the audit trail, the study's Group, outcomes other tests add on the
            // shared server): they are not the cohort's.
            assertThat(keys(stored))
                    .as("participant %s: every resource of its bundle", mrn)
                    .containsAll(keys(sent));
            sent.getEntry().stream()
                    .collect(java.util.stream.Collectors.groupingBy(
                            e -> e.getResource().fhirType(), java.util.stream.Collectors.counting()))
                    .forEach((type, count) -> assertThat(stored.getEntry().stream()
                                    .filter(e -> e.getResource().fhirType().equals(type))
                                    .count())
                            .as("participant %s: its %s resources", mrn, type)
                            .isGreaterThanOrEqualTo(count));
        }
    }
}
