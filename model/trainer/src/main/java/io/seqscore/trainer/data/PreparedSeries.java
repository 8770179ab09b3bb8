package io.seqscore.trainer.data;

/**
 * One key ready for training and evaluation: its event times, its values normalized with the key's
 * normalizer ({@code z}, [size][n] flattened, float as the network reads them), where validation starts,
 * and the segments the gap policy cut it into.
 *
 * @param validationStart index of the first validation event (size() when the key has none)
 * @param segmentStarts   start index of each segment, ascending, the first 0; segment i ends where i+1 starts
 */
public record PreparedSeries(String key, int dimension, long[] times, float[] z, int validationStart,
                             int[] segmentStarts) {

    public int size() {
        return times.length;
    }

    public int segmentCount() {
        return segmentStarts.length;
    }

    public int segmentStart(int i) {
        return segmentStarts[i];
    }

    public int segmentEnd(int i) {
        return i + 1 < segmentStarts.length ? segmentStarts[i + 1] : times.length;
    }

    /** Normalized value d of event p. */
    public float z(int p, int d) {
        return z[p * dimension + d];
    }
}
