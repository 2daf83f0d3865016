package org.sistercities.benchmarks.platform;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

import org.sistercities.benchmarks.Percentiles;

/** A latency distribution in milliseconds (nearest-rank percentiles), and the median of several runs' figures. */
record Dist(int n, double p50, double p95, double p99, double max) {

    static final Dist EMPTY = new Dist(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    static Dist of(long[] nanos) {
        if (nanos.length == 0) {
            return EMPTY;
        }
        Percentiles p = new Percentiles(nanos);
        return new Dist(nanos.length, p.at(50), p.at(95), p.at(99), p.max());
    }

    /** Each figure the median over the runs (the runs' own distributions, not one pooled sample). */
    static Dist medianOf(List<Dist> runs) {
        if (runs.isEmpty()) {
            return EMPTY;
        }
        return new Dist((int) median(runs, Dist::n), median(runs, Dist::p50), median(runs, Dist::p95),
                median(runs, Dist::p99), median(runs, Dist::max));
    }

    static <T> double median(List<T> values, ToDoubleFunction<T> figure) {
        double[] sorted = values.stream().mapToDouble(figure).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    static <T> String range(List<T> values, ToDoubleFunction<T> figure, String format) {
        double[] sorted = values.stream().mapToDouble(figure).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (sorted.length < 2) {
            return "";
        }
        return " (" + String.format(format, sorted[0]) + "–" + String.format(format, sorted[sorted.length - 1]) + ")";
    }

    String brief() {
        return n == 0 ? "no samples" : String.format("p50 %s, p95 %s, p99 %s, max %s ms", ms(p50), ms(p95), ms(p99), ms(max));
    }

    static String ms(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        return value >= 100 ? String.format("%.0f", value) : String.format("%.1f", value);
    }

    @Override
    public String toString() {
        return Arrays.toString(new double[] {n, p50, p95, p99, max});
    }
}
