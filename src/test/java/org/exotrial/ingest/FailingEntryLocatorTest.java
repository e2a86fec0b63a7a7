package org.exotrial.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/** Which entry a HAPI error at storage time is about. */
class FailingEntryLocatorTest {

    private final Patient patient = new Patient();
    private final Immunization immunization = new Immunization();
    private final Observation observation = new Observation();
    private final Bundle bundle = new Bundle();

    FailingEntryLocatorTest() {
        observation.setSubject(new Reference("Patient/missing"));
        bundle.addEntry().setResource(patient);
        bundle.addEntry().setResource(observation);
        bundle.addEntry().setResource(immunization);
    }

    @Test
    void anUnstoredTypeIsTheFirstEntryOfThatType() {
        String message = "HAPI-0544: Resource Immunization is not supported on this server. Supported resource types: "
                + "[Patient, Observation]";
        // HAPI announced the Patient last; the refusal is still about the Immunization.
        assertThat(FailingEntryLocator.failingEntry(bundle, message, patient)).isEqualTo(2);
    }

    @Test
    void aMissingReferenceIsTheEntryHoldingIt() {
        String message = "HAPI-1094: Resource Patient/missing not found, specified in path: Observation.subject";
        assertThat(FailingEntryLocator.failingEntry(bundle, message, immunization))
                .isEqualTo(1);
    }

    @Test
    void otherwiseTheResourceBeingWritten() {
        assertThat(FailingEntryLocator.failingEntry(bundle, "HAPI-0550: conflict", patient))
                .isZero();
    }
}
