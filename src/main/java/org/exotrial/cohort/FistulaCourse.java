package org.exotrial.cohort;

import org.exotrial.ig.IgNames;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;

/**
 * A participant of the ADMIRE-CD-like fistula trial, modelled as fistula-case-report.fsh models its patient: a loose
 * seton to drain sepsis, then (day 0) seton removal, curettage and closure of the internal opening, and the arm's
 * product injected into the tract walls; CCIS and QoLAF-Q before and at week 24; healing assessed clinically at weeks
 * 6 and 24 and by MRI at week 24 (ADMIRE's combined remission needs both).
 */
final class FistulaCourse {

    static final int WEEK_6 = 42;
    static final int WEEK_24 = 168;

    private FistulaCourse() {}

    static void write(Participant p) {
        Arm.Fistula model = p.arm.fistula;
        seton(p);
        String curettage = curettage(p);
        String administration = Administration.write(p, curettage, "09:00:00");
        boolean remission = p.dice.chance(model.remission());
        FistulaScores.write(p, remission);
        String week6 = remission
                ? (p.dice.chance(0.4) ? "healed" : "improved")
                : (p.dice.chance(0.4) ? "improved" : "not-healed");
        healing(p, curettage, "healing-week6", WEEK_6, "clinical", week6);
        String clinical = remission ? "healed" : p.dice.chance(0.5) ? "improved" : "not-healed";
        healing(p, curettage, "healing-week24", WEEK_24, "clinical", clinical);
        healing(p, curettage, "healing-mri-week24", WEEK_24, "mri", remission ? "healed" : "not-healed");
        double event = p.dice.next();
        if (event < model.abscessRisk()) {
            AdverseEvents.write(
                    p,
                    "adverse-event-abscess",
                    Values.text("Perianal abscess"),
                    p.dice.between(7, 120),
                    true,
                    "moderate",
                    "resolved",
                    administration);
        } else if (event < model.abscessRisk() + model.proctalgiaRisk()) {
            AdverseEvents.write(
                    p,
                    "adverse-event-proctalgia",
                    Values.text("Proctalgia"),
                    p.dice.between(1, 14),
                    false,
                    "mild",
                    "resolved",
                    administration);
        }
    }

    /** Placed three weeks before treatment, removed on the day of treatment (period = placement to removal). */
    private static void seton(Participant p) {
        Procedure seton = procedure(p, "seton", "seton");
        seton.setPerformed(new Period().setStartElement(p.at(-21, "09:00:00")).setEndElement(p.at(0, "08:30:00")));
        seton.addNote().setText("Loose seton to drain sepsis before treatment; removed at curettage.");
        p.post("seton", seton, "exotrial-fistula-procedure", seton.getIdentifierFirstRep());
    }

    private static String curettage(Participant p) {
        Procedure curettage = procedure(p, "curettage", "curettage-internal-opening-closure");
        curettage.setPerformed(p.at(0, "08:30:00"));
        return p.post("curettage", curettage, "exotrial-fistula-procedure", curettage.getIdentifierFirstRep());
    }

    private static Procedure procedure(Participant p, String kind, String code) {
        Procedure procedure = new Procedure();
        procedure.addExtension(p.inStudy());
        procedure.addIdentifier(p.resourceId(kind));
        procedure.setStatus(Procedure.ProcedureStatus.COMPLETED);
        procedure.setCode(Values.concept(IgNames.CS_PROCEDURE, code));
        procedure.setSubject(p.patientReference());
        return procedure;
    }

    private static void healing(Participant p, String curettage, String kind, int day, String method, String status) {
        Identifier key = p.resourceId(kind);
        Observation o =
                p.observation(key, day, "exam", Values.concept(IgNames.CS_OBSERVATION, "fistula-healing"), "10:00:00");
        o.setMethod(Values.concept(Ig.CS_METHOD, method));
        o.addFocus(new Reference(curettage));
        CodeableConcept value = Values.concept(Ig.CS_HEALING, status);
        o.setValue(value);
        p.post(kind, o, "exotrial-fistula-healing", key);
    }
}
