package org.exotrial.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleSupplier;

/**
 * When to try a failing receiver again: exponential back-off, capped, with jitter so that the subscriptions of one
 * receiver that comes back do not all hit it in the same instant; and when to give up (the retry window, counted from
 * the first failure of the current run of failures).
 */
final class RetryPolicy {

    private final Duration base;
    private final Duration max;
    private final Duration window;
    private final DoubleSupplier random;

    RetryPolicy(Duration base, Duration max, Duration window, DoubleSupplier random) {
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("back-off needs 0 < base <= max, not " + base + " and " + max);
        }
        this.base = base;
        this.max = max;
        this.window = window;
        this.random = random;
    }

    /**
     * The delay before the next attempt after {@code failures} failures in a row (1 after the first): base·2^(n-1),
     * at most max, of which the upper half is random ("equal jitter": never less than half the nominal delay).
     */
    Duration delay(int failures) {
        int doublings = Math.max(0, Math.min(failures - 1, 40));
        long nominal = Math.min(max.toMillis(), base.toMillis() << Math.min(doublings, 62 - 20));
        if (nominal < 0) {
            nominal = max.toMillis();
        }
        long half = nominal / 2;
        return Duration.ofMillis(nominal - half + (long) (random.getAsDouble() * half));
    }

    /** Whether a receiver failing since {@code firstFailure} has had its whole window by {@code now}. */
    boolean givenUp(Instant firstFailure, Instant now) {
        return firstFailure != null && !firstFailure.plus(window).isAfter(now);
    }
}
