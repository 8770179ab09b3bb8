package io.seqscore.model.core.features;

/**
 * A key's latest events in arrival order: (time, raw value) pairs in a ring of fixed capacity, the
 * newest replacing the oldest. Times are whatever unit the caller uses (the scorer uses epoch
 * milliseconds); they need not increase: lookups scan back in arrival order, so duplicated and backward
 * timestamps are well defined. Raw values, not scaled ones, so a new normalizer applies on read.
 * Nothing is allocated after construction.
 */
public final class EventRing {
    /** What {@link #newestAtOrBefore} returns when no event qualifies. */
    public static final int NONE = -1;

    private final long[] times;
    private final float[] values;
    private int head;
    private int count;

    public EventRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        times = new long[capacity];
        values = new float[capacity];
    }

    public int capacity() {
        return times.length;
    }

    public int count() {
        return count;
    }

    public void clear() {
        head = 0;
        count = 0;
    }

    /** Appends an event; when full, the oldest is dropped. */
    public void add(long time, float value) {
        times[head] = time;
        values[head] = value;
        head = head + 1 == times.length ? 0 : head + 1;
        if (count < times.length) {
            count++;
        }
    }

    /** The time of the k-th newest event (k = 0: the newest), 0 ≤ k &lt; count. */
    public long time(int k) {
        return times[slot(k)];
    }

    /** The raw value of the k-th newest event (k = 0: the newest), 0 ≤ k &lt; count. */
    public float value(int k) {
        return values[slot(k)];
    }

    /**
     * Scanning from the newest event back, the first one whose time is ≤ target: its k when it lies at
     * most {@code tolerance} before target, else {@link #NONE} (the scan stops there: an older event
     * would lie further back). {@link #NONE} too when no event is at or before target.
     */
    public int newestAtOrBefore(long target, long tolerance) {
        for (int k = 0; k < count; k++) {
            long t = times[slot(k)];
            if (t <= target) {
                return target - t <= tolerance ? k : NONE;
            }
        }
        return NONE;
    }

    private int slot(int k) {
        if (k < 0 || k >= count) {
            throw new IndexOutOfBoundsException("event " + k + " of " + count);
        }
        int s = head - 1 - k;
        return s < 0 ? s + times.length : s;
    }
}
