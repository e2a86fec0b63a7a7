package org.exotrial.cohort;

/**
 * A SplitMix64 random stream. Written out rather than taken from {@code java.util.Random}/{@code SplittableRandom} so
 * the cohort stays byte-identical across JDK versions: the algorithm is part of the generator's contract.
 */
final class Dice {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    /** A stream keyed by all {@code parts} (seed, participant or block number, purpose), each one mixed in. */
    Dice(long... parts) {
        long s = GOLDEN_GAMMA;
        for (long part : parts) {
            s = mix(s ^ mix(part + GOLDEN_GAMMA));
        }
        state = s;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1). */
    double next() {
        state += GOLDEN_GAMMA;
        return (mix(state) >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, n). */
    int below(int n) {
        return (int) (next() * n);
    }

    /** Uniform in [low, high], both included. */
    int between(int low, int high) {
        return low + below(high - low + 1);
    }

    boolean chance(double p) {
        return next() < p;
    }

    /** Uniform in [low, high). */
    double uniform(double low, double high) {
        return low + next() * (high - low);
    }
}
