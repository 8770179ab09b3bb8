package io.seqscore.model.core.features;

/**
 * A key's latest events, newest first: k = 0 is the newest, k = count − 1 the oldest still held.
 * {@link EventRing} is one; a scorer may offer a view of its own per-key buffer. Times are whatever
 * unit the caller uses and need not increase; values are raw (unscaled).
 */
public interface EventHistory {
    /** What {@link #newestAtOrBefore} returns when no event qualifies. */
    int NONE = -1;

    int count();

    /** The time of the k-th newest event, 0 ≤ k &lt; count. */
    long time(int k);

    /** The raw value of the k-th newest event, 0 ≤ k &lt; count. */
    float value(int k);

    /** Value j of the k-th newest event; histories of univariate events have only j = 0. */
    default float value(int k, int j) {
        if (j != 0) {
            throw new IndexOutOfBoundsException("value " + j + " of a univariate event");
        }
        return value(k);
    }

    /**
     * Scanning from the newest event back, the first one whose time is ≤ target: its k when it lies at
     * most {@code tolerance} (≥ 0) before target, else {@link #NONE} (the scan stops there: an older event
     * would lie further back). {@link #NONE} too when no event is at or before target. The distance
     * target − time is exact for any pair of longs (compared unsigned), so a time of Long.MIN_VALUE, an
     * unknown time, never lies within tolerance of a real time.
     */
    default int newestAtOrBefore(long target, long tolerance) {
        int n = count();
        for (int k = 0; k < n; k++) {
            long t = time(k);
            if (t <= target) {
                return Long.compareUnsigned(target - t, tolerance) <= 0 ? k : NONE;
            }
        }
        return NONE;
    }
}
