package org.exotrial.ingest.hl7v2;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;

/**
 * What a v2 message about a patient is linked to in FHIR: the Patient (PID-3), the study of the patient's
 * ResearchSubject, and the patient's low anterior resections (postoperative days count from one of them).
 */
record TrialContext(Patient patient, Reference study, List<Procedure> lars) {

    Reference patientReference() {
        return new Reference("Patient/" + patient.getIdElement().getIdPart());
    }

    /** The operation a result on {@code date} follows: the latest LAR on or before that date. */
    Procedure larOnOrBefore(LocalDate date) {
        return lars.stream()
                .filter(p -> !larDate(p).isAfter(date))
                .max(Comparator.comparing(TrialContext::larDate))
                .orElse(null);
    }

    /** The operation a stay admitted on {@code date} is for: the first LAR on or after admission. */
    Procedure larOnOrAfter(LocalDate date) {
        return lars.stream()
                .filter(p -> !larDate(p).isBefore(date))
                .min(Comparator.comparing(TrialContext::larDate))
                .orElse(null);
    }

    static Reference reference(Procedure lar) {
        return new Reference("Procedure/" + lar.getIdElement().getIdPart());
    }

    static LocalDate larDate(Procedure lar) {
        return V2Time.localDateOf(lar.getPerformedDateTimeType());
    }
}
