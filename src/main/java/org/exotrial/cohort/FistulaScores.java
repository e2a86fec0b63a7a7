package org.exotrial.cohort;

import java.util.List;
import org.exotrial.ig.IgNames;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;

/**
 * CCIS (0-20, five items 0-4) and QoLAF-Q (14-70) a week before treatment and at week 24. Scores fall when the
 * fistula heals, and a little more under active treatment than under placebo; the CCIS total is always the sum of
 * its items (invariant exotrial-ccis-total-sum).
 */
final class FistulaScores {

    static final List<String> CCIS_ITEMS = List.of("solid", "liquid", "gas", "pad", "lifestyle");
    static final int BASELINE_DAY = -7;

    private FistulaScores() {}

    static void write(Participant p, boolean remission) {
        Dice dice = p.dice;
        boolean active = !"placebo".equals(p.arm.product.type());
        double ccisFactor = (remission ? 0.3 : 0.75) * (active ? 0.85 : 1);
        double qolFactor = (remission ? 0.35 : 0.8) * (active ? 0.9 : 1);

        // Perianal Crohn's: flatus and liquid-stool incontinence and pad use dominate; solid-stool rarely.
        int[] before = {
            dice.between(0, 1), dice.between(0, 3), dice.between(1, 4), dice.between(1, 4), dice.between(0, 3)
        };
        int[] after = new int[before.length];
        for (int i = 0; i < before.length; i++) {
            after[i] = clamp((int) Math.round(before[i] * ccisFactor * dice.uniform(0.7, 1.3)), 0, 4);
        }
        ccis(p, "ccis-baseline", BASELINE_DAY, before);
        ccis(p, "ccis-week24", FistulaCourse.WEEK_24, after);

        int qolBefore = dice.between(36, 60);
        int qolAfter = clamp(14 + (int) Math.round((qolBefore - 14) * qolFactor * dice.uniform(0.8, 1.2)), 14, 70);
        qolafq(p, "qolafq-baseline", BASELINE_DAY, qolBefore);
        qolafq(p, "qolafq-week24", FistulaCourse.WEEK_24, qolAfter);
    }

    private static void ccis(Participant p, String kind, int day, int[] items) {
        Observation o = survey(p, kind, day, "ccis");
        int total = 0;
        for (int i = 0; i < items.length; i++) {
            o.addComponent()
                    .setCode(Values.concept(Ig.CS_CCIS_ITEM, CCIS_ITEMS.get(i)))
                    .setValue(new IntegerType(items[i]));
            total += items[i];
        }
        o.setValue(new IntegerType(total));
        p.post(kind, o, "exotrial-ccis", o.getIdentifierFirstRep());
    }

    private static void qolafq(Participant p, String kind, int day, int total) {
        Observation o = survey(p, kind, day, "qolafq");
        o.setValue(new IntegerType(total));
        p.post(kind, o, "exotrial-qolafq", o.getIdentifierFirstRep());
    }

    private static Observation survey(Participant p, String kind, int day, String code) {
        Identifier key = p.resourceId(kind);
        return p.observation(key, day, "survey", Values.concept(IgNames.CS_OBSERVATION, code), "10:00:00");
    }

    private static int clamp(int value, int low, int high) {
        return Math.max(low, Math.min(high, value));
    }
}
