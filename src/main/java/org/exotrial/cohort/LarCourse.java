package org.exotrial.cohort;

import org.exotrial.ig.IgNames;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;

/**
 * A participant of the LAR trial or the secretome study: the resection, the product given at its end, cytokines (LAR
 * trial only: they are its secondary outcome, the secretome study measures none), leak assessment, one-month
 * colonoscopy (LAR trial only, its primary outcome's confirmation), the stay, and adverse events: the leak, and
 * occasionally an ileus or wound infection unrelated to the arm.
 */
final class LarCourse {

    private static final String LEAK_CODE = "236091002";
    private static final String LEAK_DISPLAY = "Anastomotic leak of large intestine";

    private LarCourse() {}

    static void write(Participant p) {
        Arm.Anastomosis model = p.arm.anastomosis;
        String operation = operation(p);
        Administration.write(p, operation, "11:45:00");
        Leak leak = Leak.draw(model, p.dice);
        boolean larTrial = p.study() == Study.LAR;
        if (larTrial) {
            CytokineLabs.write(p, leak);
        }
        leakAssessment(p, operation, leak);
        if (larTrial) {
            colonoscopy(p, operation, leak);
        }
        int stay = (int) Math.round(model.baseStay() + p.dice.uniform(0, 3) + (leak != null ? leak.extraStay() : 0));
        stay(p, operation, stay);
        if (leak != null) {
            AdverseEvents.write(
                    p,
                    "adverse-event-leak",
                    Values.concept(IgNames.SNOMED, LEAK_CODE, LEAK_DISPLAY),
                    leak.day(),
                    leak.serious(),
                    switch (leak.grade()) {
                        case "A" -> "mild";
                        case "B" -> "moderate";
                        default -> "severe";
                    },
                    "C".equals(leak.grade()) ? "recovering" : "resolved",
                    operation);
        }
        double other = p.dice.next();
        if (other < 0.08) {
            AdverseEvents.write(
                    p,
                    "adverse-event-ileus",
                    Values.text("Postoperative ileus"),
                    p.dice.between(2, 5),
                    false,
                    "mild",
                    "resolved",
                    operation);
        } else if (other < 0.13) {
            AdverseEvents.write(
                    p,
                    "adverse-event-wound-infection",
                    Values.text("Surgical site infection"),
                    p.dice.between(4, 9),
                    false,
                    "moderate",
                    "resolved",
                    operation);
        }
    }

    private static String operation(Participant p) {
        Dice dice = p.dice;
        boolean laparoscopic = dice.chance(0.6);
        boolean stoma = dice.chance(0.4);
        String technique = dice.chance(0.85) ? "stapled-end-to-end" : "stapled-side-to-end";
        double tumourHeight = dice.uniform(5, 11);
        Identifier key = p.resourceId("lar");
        Procedure lar = new Procedure();
        lar.addExtension(p.inStudy());
        lar.addExtension(
                Administration.EXT + "surgical-approach",
                Values.concept(Ig.CS_APPROACH, laparoscopic ? "laparoscopic" : "open"));
        lar.addExtension(Administration.EXT + "anastomosis-technique", Values.concept(Ig.CS_ANASTOMOSIS, technique));
        lar.addExtension(Administration.EXT + "diverting-stoma", new BooleanType(stoma));
        lar.addExtension(
                Administration.EXT + "tumour-height", Values.ucum(Values.oneDecimal(tumourHeight), "cm", "cm"));
        lar.addIdentifier(key);
        lar.setStatus(Procedure.ProcedureStatus.COMPLETED);
        lar.setCode(Values.concept(IgNames.SNOMED, "4558008", "Anterior resection of rectum"));
        lar.setSubject(p.patientReference());
        lar.setPerformed(p.at(0, "08:30:00"));
        lar.addReasonCode(Values.concept(IgNames.SNOMED, "363351006", "Malignant neoplasm of rectum"));
        return p.post("lar", lar, "exotrial-lar", key);
    }

    /** Present with its ISREC grade on the day found; absent as last assessed at one month. */
    private static void leakAssessment(Participant p, String operation, Leak leak) {
        int day = leak != null ? leak.day() : 30;
        Identifier key = p.resourceId("leak");
        Observation o =
                p.observation(key, day, "exam", Values.concept(IgNames.SNOMED, LEAK_CODE, LEAK_DISPLAY), "10:00:00");
        o.addFocus(new Reference(operation));
        o.setValue(Values.concept(Ig.CS_LEAK_STATUS, leak != null ? "present" : "absent"));
        if (leak != null) {
            o.addComponent()
                    .setCode(Values.concept(IgNames.CS_OBSERVATION, "isrec-grade"))
                    .setValue(Values.concept(Ig.CS_ISREC, leak.grade()));
        }
        p.post("leak", o, "exotrial-anastomotic-leak", key);
    }

    /**
     * What the one-month colonoscopy sees: grade C leaks are re-operated and the anastomosis has dehisced, grade B ones
     * (treated without surgery) heal into a stricture, grade A ones and no leak leave it intact.
     */
    private static void colonoscopy(Participant p, String operation, Leak leak) {
        String finding = leak == null
                ? "intact"
                : "C".equals(leak.grade()) ? "dehiscence" : "B".equals(leak.grade()) ? "stricture" : "intact";
        Identifier key = p.resourceId("colonoscopy");
        Observation o = p.observation(
                key, 30, "procedure", Values.concept(IgNames.CS_OBSERVATION, "colonoscopy-integrity"), "10:30:00");
        o.addFocus(new Reference(operation));
        o.setValue(Values.concept(Ig.CS_COLONOSCOPY, finding));
        p.post("colonoscopy", o, "exotrial-colonoscopy-integrity", key);
    }

    /** Admitted the afternoon before the operation, discharged at noon {@code days} days after it. */
    private static void stay(Participant p, String operation, int days) {
        Identifier key = p.resourceId("stay");
        Encounter e = new Encounter();
        e.addExtension(p.inStudy());
        e.addIdentifier(key);
        e.setStatus(Encounter.EncounterStatus.FINISHED);
        e.setClass_(new Coding(IgNames.ACT_CODE, "IMP", "inpatient encounter"));
        e.addType(Values.concept(IgNames.CS_ENCOUNTER_TYPE, "surgical-stay"));
        e.setSubject(p.patientReference());
        e.setPeriod(new Period().setStartElement(p.at(-1, "14:00:00")).setEndElement(p.at(days, "12:00:00")));
        Duration length = new Duration();
        length.setValue(days + 1).setUnit("days").setSystem(IgNames.UCUM).setCode("d");
        e.setLength(length);
        e.addReasonReference(new Reference(operation));
        p.post("stay", e, "exotrial-surgical-stay", key);
    }
}
