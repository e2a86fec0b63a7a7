package org.exotrial.cohort;

import org.hl7.fhir.r4.model.AdverseEvent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;

/**
 * An adverse event (exotrial-adverse-event): linked to the study through the core element AdverseEvent.study, not the
 * study extension, and to the procedure suspected of causing it.
 */
final class AdverseEvents {

    private AdverseEvents() {}

    static void write(
            Participant p,
            String kind,
            CodeableConcept event,
            int day,
            boolean serious,
            String severity,
            String outcome,
            String suspect) {
        Identifier key = p.resourceId(kind);
        AdverseEvent ae = new AdverseEvent();
        ae.setIdentifier(key);
        ae.setActuality(AdverseEvent.AdverseEventActuality.ACTUAL);
        ae.setEvent(event);
        ae.setSubject(p.patientReference());
        ae.setDateElement(p.at(day, "10:00:00"));
        ae.setSeriousness(Values.concept(Ig.AE_SERIOUSNESS, serious ? "Serious" : "Non-serious"));
        ae.setSeverity(Values.concept(Ig.AE_SEVERITY, severity));
        ae.setOutcome(Values.concept(Ig.AE_OUTCOME, outcome));
        ae.addSuspectEntity().setInstance(new Reference(suspect));
        ae.addStudy(new Reference(p.study().reference()));
        p.post(kind, ae, "exotrial-adverse-event", key);
    }
}
