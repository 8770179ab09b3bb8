package io.seqscore.app.perf;

import java.util.Arrays;

/**
 * Exact percentiles (nearest rank: the smallest sample with at least q·n samples at or below it) of a set
 * of latencies, in the unit they were recorded in.
 */
record Percentiles(int count, long p50, long p99, long p999, long max) {
    static final Percentiles EMPTY = new Percentiles(0, 0, 0, 0, 0);

    static Percentiles of(long[] samples, int count) {
        if (count == 0) {
            return EMPTY;
        }
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        return new Percentiles(count, rank(sorted, 0.50), rank(sorted, 0.99), rank(sorted, 0.999), sorted[count - 1]);
    }

    static long rank(long[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
