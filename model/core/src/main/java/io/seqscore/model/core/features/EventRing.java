package io.seqscore.model.core.features;

/**
 * A key's latest events in arrival order: (time, raw value) pairs in a ring of fixed capacity, the
 * newest replacing the oldest. Times are whatever unit the caller uses (the scorer uses epoch
 * milliseconds); they need not increase: lookups scan back in arrival order, so duplicated and backward
 * timestamps are well defined. Raw values, not scaled ones, so a new normalizer applies on read.
 * Nothing is allocated after construction.
 */
public final class EventRing implements EventHistory {
    /** What {@link #newestAtOrBefore} returns when no event qualifies (the same as {@link EventHistory#NONE}). */
    public static final int NONE = EventHistory.NONE;

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

    @Override
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
    @Override
    public long time(int k) {
        return times[slot(k)];
    }

    /** The raw value of the k-th newest event (k = 0: the newest), 0 ≤ k &lt; count. */
    @Override
    public float value(int k) {
        return values[slot(k)];
    }

    /** See {@link EventHistory#newestAtOrBefore}; the distance is compared unsigned, so it cannot overflow. */
    @Override
    public int newestAtOrBefore(long target, long tolerance) {
        for (int k = 0; k < count; k++) {
            long t = times[slot(k)];
            if (t <= target) {
                return Long.compareUnsigned(target - t, tolerance) <= 0 ? k : NONE;
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
