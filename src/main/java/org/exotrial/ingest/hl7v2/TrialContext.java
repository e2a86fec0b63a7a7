package org.exotrial.ingest.hl7v2;

import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;

/**
 * What a v2 message about a patient is linked to in FHIR: the Patient (PID-3), the study of the patient's
 * ResearchSubject, and the low anterior resection that postoperative days count from (null when none is recorded).
 */
record TrialContext(Patient patient, Reference study, Procedure lar) {

    Reference patientReference() {
        return new Reference("Patient/" + patient.getIdElement().getIdPart());
    }

    Reference larReference() {
        return lar == null
                ? null
                : new Reference("Procedure/" + lar.getIdElement().getIdPart());
    }
}
