package org.exotrial.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final Duration BASE = Duration.ofSeconds(1);
    private static final Duration MAX = Duration.ofMinutes(10);
    private static final Duration WINDOW = Duration.ofHours(24);

    @Test
    void theDelayDoublesFromTheBaseWithTheUpperHalfRandom() {
        RetryPolicy lowest = new RetryPolicy(BASE, MAX, WINDOW, () -> 0.0);
        RetryPolicy highest = new RetryPolicy(BASE, MAX, WINDOW, () -> 0.999_999);
        assertThat(lowest.delay(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(highest.delay(1)).isBetween(Duration.ofMillis(999), Duration.ofMillis(1000));
        assertThat(lowest.delay(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(lowest.delay(4)).isEqualTo(Duration.ofSeconds(4));
        assertThat(highest.delay(4)).isBetween(Duration.ofMillis(7999), Duration.ofSeconds(8));
    }

    @Test
    void theDelayIsCappedAndNeverOverflows() {
        RetryPolicy highest = new RetryPolicy(BASE, MAX, WINDOW, () -> 0.999_999);
        RetryPolicy lowest = new RetryPolicy(BASE, MAX, WINDOW, () -> 0.0);
        for (int failures : new int[] {11, 20, 64, 1000, Integer.MAX_VALUE}) {
            assertThat(highest.delay(failures)).as("%d failures", failures).isLessThanOrEqualTo(MAX);
            assertThat(lowest.delay(failures)).as("%d failures", failures).isEqualTo(MAX.dividedBy(2));
        }
        assertThat(lowest.delay(0)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void itGivesUpOnceTheWindowSinceTheFirstFailureHasPassed() {
        RetryPolicy policy = new RetryPolicy(BASE, MAX, WINDOW, () -> 0.5);
        Instant first = Instant.parse("2026-12-06T08:00:00Z");
        assertThat(policy.givenUp(null, first.plus(Duration.ofDays(7)))).isFalse();
        assertThat(policy.givenUp(first, first.plus(WINDOW).minusMillis(1))).isFalse();
        assertThat(policy.givenUp(first, first.plus(WINDOW))).isTrue();
    }

    @Test
    void aBaseAboveTheMaximumIsRefused() {
        assertThatThrownBy(() -> new RetryPolicy(MAX, BASE, WINDOW, () -> 0.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(Duration.ZERO, MAX, WINDOW, () -> 0.5))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
