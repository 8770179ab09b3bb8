package io.seqscore.trainer.data;

import io.seqscore.trainer.source.RawSeries;

import java.util.Arrays;

/**
 * A key's events sorted by event time (stable: among events of one time the first read comes first),
 * with later events of an already seen time dropped and counted, as the scorer treats a duplicate time.
 */
record OrderedSeries(String key, int dimension, long[] times, double[] values, int duplicates) {

    static OrderedSeries of(RawSeries raw) {
        int size = raw.size();
        int n = raw.dimension();
        long[] t = raw.times();
        Integer[] order = new Integer[size];
        boolean sorted = true;
        for (int i = 0; i < size; i++) {
            order[i] = i;
            if (i > 0 && t[i] < t[i - 1]) {
                sorted = false;
            }
        }
        if (!sorted) {
            Arrays.sort(order, (a, b) -> Long.compare(t[a], t[b]));
        }
        long[] times = new long[size];
        double[] values = new double[size * n];
        int kept = 0;
        for (int i = 0; i < size; i++) {
            int src = order[i];
            if (kept > 0 && t[src] == times[kept - 1]) {
                continue;
            }
            times[kept] = t[src];
            System.arraycopy(raw.values(), src * n, values, kept * n, n);
            kept++;
        }
        return new OrderedSeries(raw.key(), n, Arrays.copyOf(times, kept), Arrays.copyOf(values, kept * n), size - kept);
    }

    int size() {
        return times.length;
    }
}
