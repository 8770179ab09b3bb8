package io.seqscore.trainer.source;

import java.util.Arrays;

/** The events of one key in arrival order: times and values ([count][n] flattened), in growable arrays. */
final class KeyHistory {
    private final int n;
    private long[] times = new long[64];
    private double[] values;
    private int size;

    KeyHistory(int n) {
        this.n = n;
        this.values = new double[64 * n];
    }

    void add(long time, double[] x) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            values = Arrays.copyOf(values, size * 2 * n);
        }
        times[size] = time;
        System.arraycopy(x, 0, values, size * n, n);
        size++;
    }

    int size() {
        return size;
    }

    long[] times() {
        return Arrays.copyOf(times, size);
    }

    double[] values() {
        return Arrays.copyOf(values, size * n);
    }
}
