package org.exotrial.cohort;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Permuted-block allocation, as trials randomise: every block of 40 consecutive participant numbers holds exactly 28
 * LAR (14 per arm), 6 secretome (3 per route) and 6 fistula participants (3 per arm), in an order shuffled by the
 * seed and the block number alone. So the arm of participant {@code i} needs nothing but (seed, i), and every block
 * {@code 40k .. 40k+39} is balanced exactly (70/15/15, and 1:1 within each study).
 */
final class Allocation {

    static final int BLOCK = 40;

    private static final long PURPOSE = 0x616C6C6F63L; // "alloc": keeps this stream apart from the clinical one

    private static final List<Arm> SLOTS = slots();

    private Allocation() {}

    static Arm arm(long seed, int index) {
        if (index < 0) {
            throw new IllegalArgumentException("participant index must be >= 0: " + index);
        }
        int block = index / BLOCK;
        List<Arm> shuffled = new ArrayList<>(SLOTS);
        Dice dice = new Dice(seed, block, PURPOSE);
        // Fisher-Yates with our own dice: Collections.shuffle's use of Random is not a stable contract.
        for (int i = shuffled.size() - 1; i > 0; i--) {
            Collections.swap(shuffled, i, dice.below(i + 1));
        }
        return shuffled.get(index % BLOCK);
    }

    private static List<Arm> slots() {
        List<Arm> slots = new ArrayList<>(BLOCK);
        slots.addAll(Collections.nCopies(14, Arm.EXOSOME));
        slots.addAll(Collections.nCopies(14, Arm.LAR_PLACEBO));
        slots.addAll(Collections.nCopies(3, Arm.INTRAVENOUS_SECRETOME));
        slots.addAll(Collections.nCopies(3, Arm.TOPICAL_SECRETOME));
        slots.addAll(Collections.nCopies(3, Arm.DARVADSTROCEL));
        slots.addAll(Collections.nCopies(3, Arm.FISTULA_PLACEBO));
        return List.copyOf(slots);
    }
}
