package io.seqscore.app.dashboard;

import java.util.Arrays;

/** The last {@code capacity} latencies (ms) and their quantiles (nearest rank). */
final class LatencyWindow {
    private final long[] values;
    private int next;
    private int size;

    LatencyWindow(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        }
        values = new long[capacity];
    }

    synchronized void add(long millis) {
        values[next] = millis;
        next = (next + 1) % values.length;
        size = Math.min(size + 1, values.length);
    }

    /** The q-quantile (nearest rank: the ⌈q·n⌉-th smallest) of the window, or null when it is empty. */
    synchronized Long quantile(double q) {
        if (size == 0) {
            return null;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))];
    }
}
