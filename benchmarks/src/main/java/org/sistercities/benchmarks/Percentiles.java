package org.sistercities.benchmarks;

import java.util.Arrays;

/** Nearest-rank percentiles over recorded samples, printed in milliseconds. */
public final class Percentiles {

    private final double[] sortedMillis;

    public Percentiles(long[] nanos) {
        sortedMillis = Arrays.stream(nanos).mapToDouble(n -> n / 1_000_000.0).sorted().toArray();
    }

    public double at(double percentile) {
        int rank = (int) Math.ceil(percentile / 100.0 * sortedMillis.length);
        return sortedMillis[Math.max(0, Math.min(sortedMillis.length - 1, rank - 1))];
    }

    public double max() {
        return sortedMillis[sortedMillis.length - 1];
    }

    public String summary() {
        return String.format("n=%d  p50=%.2f ms  p90=%.2f ms  p99=%.2f ms  max=%.2f ms",
                sortedMillis.length, at(50), at(90), at(99), max());
    }
}
