package org.exotrial.benchmark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Response times of one kind of request, in milliseconds. */
record Latencies(int count, double p50, double p95, double max) {

    static Latencies of(List<Long> nanos) {
        if (nanos.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return new Latencies(
                sorted.size(),
                millis(percentile(sorted, 0.50)),
                millis(percentile(sorted, 0.95)),
                millis(sorted.get(sorted.size() - 1)));
    }

    /** Nearest-rank percentile: the smallest sample at or above the given share of all samples. */
    private static long percentile(List<Long> sorted, double share) {
        int rank = (int) Math.ceil(share * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
