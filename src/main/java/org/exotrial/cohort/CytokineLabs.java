package org.exotrial.cohort;

import org.exotrial.ig.IgNames;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Specimen;

/**
 * IL-6 and TNF-alpha in serum and peritoneal drain fluid on postoperative days 1, 3 and 5 (the LAR trial's secondary
 * outcome), with the drain-fluid Specimen the body-fluid results must reference (invariant
 * exotrial-body-fluid-specimen). Trajectories as the surgical literature describes them: highest on day 1 and falling
 * as the wound settles, higher in less effective arms (each arm's inflammation factor), and raised throughout and
 * rebounding on day 5 when a leak develops, the early sign a leak gives before it is found clinically.
 */
final class CytokineLabs {

    static final int[] DAYS = {1, 3, 5};

    private CytokineLabs() {}

    static void write(Participant p, Leak leak) {
        double inflammation = (leak != null ? 1.35 : 1) * p.arm.anastomosis.inflammation();
        for (int day : DAYS) {
            double decay = (day == 1 ? 1 : day == 3 ? 0.55 : 0.3) * (leak != null && day == 5 ? 1.8 : 1);
            String specimen = drainFluid(p, day);
            double il6Serum = 160 * decay * inflammation * jitter(p);
            double il6Peritoneal = 2400 * decay * inflammation * jitter(p);
            double tnfSerum = 22 * (0.6 + 0.4 * decay) * inflammation * jitter(p);
            double tnfPeritoneal = 180 * decay * inflammation * jitter(p);
            result(p, "il6-serum", day, "exotrial-il6", il6Code("26881-3", "Serum or Plasma"), il6Serum, null);
            result(p, "il6-peritoneal", day, "exotrial-il6", il6Code("49732-1", "Body fluid"), il6Peritoneal, specimen);
            CodeableConcept tnf = Values.concept(
                    IgNames.LOINC, "3074-2", "Tumor necrosis factor.alpha [Mass/volume] in Serum or Plasma");
            result(p, "tnf-serum", day, "exotrial-tnf-alpha", tnf, tnfSerum, null);
            CodeableConcept tnfDrain = Values.concept(IgNames.CS_OBSERVATION, "tnf-alpha-peritoneal");
            result(p, "tnf-peritoneal", day, "exotrial-tnf-alpha", tnfDrain, tnfPeritoneal, specimen);
        }
    }

    private static double jitter(Participant p) {
        return p.dice.uniform(0.8, 1.2);
    }

    private static CodeableConcept il6Code(String loinc, String system) {
        return Values.concept(IgNames.LOINC, loinc, "Interleukin 6 [Mass/volume] in " + system);
    }

    /** The guide does not profile Specimen, so it carries the study and day extensions by URL and claims no profile. */
    private static String drainFluid(Participant p, int day) {
        String kind = "drain-fluid-pod" + day;
        Identifier key = p.resourceId(kind);
        Specimen specimen = new Specimen();
        specimen.addExtension(p.inStudy());
        specimen.addExtension(Participant.postoperativeDay(day));
        specimen.addIdentifier(key);
        specimen.setStatus(Specimen.SpecimenStatus.AVAILABLE);
        specimen.setType(Values.concept(IgNames.SNOMED, "168139001", "Peritoneal fluid sample"));
        specimen.setSubject(p.patientReference());
        specimen.getCollection().setCollected(p.at(day, "07:00:00"));
        return p.post(kind, specimen, null, key);
    }

    private static void result(
            Participant p, String test, int day, String profile, CodeableConcept code, double value, String specimen) {
        String kind = test + "-pod" + day;
        Identifier key = p.resourceId(kind);
        Observation o = p.observation(key, day, "laboratory", code, "07:00:00");
        o.setValue(Values.ucum(Values.oneDecimal(value), "pg/mL", "pg/mL"));
        if (specimen != null) {
            o.setSpecimen(new Reference(specimen));
        }
        p.post(kind, o, profile, key);
    }
}
