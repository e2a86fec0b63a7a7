package org.exotrial.cohort;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Synthetic participants of the demo studies, one FHIR transaction bundle each, as a hospital interface sends them
 * (conditional creates on business identifiers). Everything about participant {@code i} derives from (seed, i)
 * alone, so parallel clients can each generate their own share, and re-generating gives byte-identical bundles.
 *
 * <p>The studies themselves are not generated: the server must hold ResearchStudy/lar-exosome-trial,
 * secretome-route-study and admire-cd-darvadstrocel (the guide's examples; the server loads them in demo mode).
 */
public final class CohortGenerator {

    /** Index operations are spread over these dates. */
    static final LocalDate FIRST_SURGERY = LocalDate.of(2024, 1, 1);

    static final LocalDate LAST_SURGERY = LocalDate.of(2026, 6, 30);

    private static final int SURGERY_DAYS = (int) ChronoUnit.DAYS.between(FIRST_SURGERY, LAST_SURGERY) + 1;
    private static final long PURPOSE = 0x636C696EL; // "clin": apart from the allocation stream

    private final long seed;

    public CohortGenerator(long seed) {
        this.seed = seed;
    }

    /**
     * Participant number {@code index} (0-based): one transaction bundle, deterministic from (seed, index) alone, so
     * parallel clients can each generate their own share.
     */
    public Bundle participant(int index) {
        Arm arm = Allocation.arm(seed, index);
        Dice dice = new Dice(seed, index, PURPOSE);
        LocalDate surgery = FIRST_SURGERY.plusDays(dice.below(SURGERY_DAYS));
        Participant p = new Participant(new Keys(seed, index), arm, surgery, dice);
        Enrolment.write(p);
        if (arm.study == Study.FISTULA) {
            FistulaCourse.write(p);
        } else {
            LarCourse.write(p);
        }
        return p.transaction().bundle();
    }

    /** Convenience: participants {@code from .. from+count-1}. */
    public List<Bundle> participants(int from, int count) {
        List<Bundle> bundles = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            bundles.add(participant(i));
        }
        return bundles;
    }

    public long seed() {
        return seed;
    }
}
