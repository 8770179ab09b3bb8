package io.seqscore.app.state;

import static io.seqscore.app.state.StateReader.FLOAT;
import static io.seqscore.app.state.StateReader.INT;

/**
 * A key's event ring left in its stored bytes (the lean frame, {@link KeyStateCodec#decodeLean}): the entries of a
 * relative-time ring part are not read into the state's arrays, and the event the scorer appends is held here. The
 * next encode writes the ring by moving the stored entries as bytes: appended after them while the ring grows, or,
 * once it is full, shifted by one entry with their times rewritten against the new oldest; the bytes are those
 * {@link EventRingPart} writes for the same ring. The state's {@link KeyState#history} reads the entries here in
 * place; copying an entry out (a re-warm), a second append, a new capacity or a ring that no longer fits relative
 * times reads them into the state's arrays first ({@link KeyState#settleRing}), and the ring is the plain one from
 * then on.
 *
 * <p>The stored bytes must not change while the state refers to them (the store's values never do: every event
 * stores a new array).
 */
final class StoredRing {
    /** Bounds of a base time whose stored relative times cannot overflow a long. */
    private static final long LOWEST_BASE = Long.MIN_VALUE - (long) Integer.MIN_VALUE;
    private static final long HIGHEST_BASE = Long.MAX_VALUE - Integer.MAX_VALUE;
    private static final int UNKNOWN = 0;
    private static final int RELATIVE = 1;
    private static final int ABSOLUTE = 2;

    private byte[] bytes;
    private int entriesAt;
    private int count;
    private int n;
    private long base;
    private boolean appended;
    /** Whether the appended event pushed the oldest stored entry out (the ring was full). */
    private boolean shifted;
    private long appendedTime;
    private float[] appendedValues = new float[0];
    /** Whether the ring as it will be written keeps relative times ({@link #UNKNOWN} until asked). */
    private int times;

    /** Whether a ring stored relative to {@code base} may stay in the bytes: no stored time overflows a long. */
    static boolean defers(long base) {
        return base >= LOWEST_BASE && base <= HIGHEST_BASE;
    }

    boolean active() {
        return bytes != null;
    }

    void defer(byte[] stored, int entriesAt, int count, int n, long base) {
        this.bytes = stored;
        this.entriesAt = entriesAt;
        this.count = count;
        this.n = n;
        this.base = base;
        this.appended = false;
        this.shifted = false;
        this.times = UNKNOWN;
    }

    /** Forgets the stored entries (the ring was emptied or the state overwritten). */
    void drop() {
        bytes = null;
        appended = false;
        shifted = false;
    }

    /**
     * Holds one event appended to the ring of {@code capacity}; false when one is held already (the caller settles
     * the ring and appends).
     */
    boolean append(long time, float[] x, int capacity) {
        if (appended) {
            return false;
        }
        shifted = count == capacity;
        if (appendedValues.length < n) {
            appendedValues = new float[n];
        }
        System.arraycopy(x, 0, appendedValues, 0, n);
        appendedTime = time;
        appended = true;
        times = UNKNOWN;
        return true;
    }

    /**
     * Reads the stored entries into the state's arrays (oldest in slot 0), then appends the held event; the ring is
     * no longer deferred.
     */
    void settle(KeyState s) {
        byte[] b = bytes;
        bytes = null;
        s.ring = KeyState.grow(s.ring, s.ringCapacity * n);
        s.ringTimes = KeyState.grow(s.ringTimes, s.ringCapacity);
        EventRingPart.readRelative(b, entriesAt, count, n, base, s.ringTimes, s.ring);
        s.ringStart = 0;
        s.ringCount = count;
        if (appended) {
            appended = false;
            shifted = false;
            s.pushInput(appendedTime, appendedValues);
        }
    }

    /** The time of the ring's i-th oldest event (the held one the newest). */
    long time(int i) {
        int e = shifted ? i + 1 : i;
        return e == count ? appendedTime : base + (int) INT.get(bytes, entriesAt + e * (4 + 4 * n));
    }

    /** Value j of the ring's i-th oldest event. */
    float value(int i, int j) {
        int e = shifted ? i + 1 : i;
        return e == count ? appendedValues[j] : (float) FLOAT.get(bytes, entriesAt + e * (4 + 4 * n) + 4 + 4 * j);
    }

    /** Whether the ring keeps relative times once the held event is in (what the writer decides). */
    boolean staysRelative() {
        if (times == UNKNOWN) {
            times = relativeAfterAppend() ? RELATIVE : ABSOLUTE;
        }
        return times == RELATIVE;
    }

    private boolean relativeAfterAppend() {
        if (!appended) {
            return firstRelative() == 0;
        }
        if (!shifted) {
            return firstRelative() == 0 && fits(appendedTime, base);
        }
        if (count == 1) {
            return true;
        }
        int stride = 4 + 4 * n;
        int first = (int) INT.get(bytes, entriesAt + stride);
        boolean fits = true;
        for (int i = 2, at = entriesAt + 2 * stride; i < count; i++, at += stride) {
            long d = (long) (int) INT.get(bytes, at) - first;
            fits &= d == (int) d;
        }
        return fits && fits(appendedTime, base + first);
    }

    /** Whether t − base fits in an int without overflow ({@link EventRingPart}'s test). */
    private static boolean fits(long t, long base) {
        long d = t - base;
        return ((t ^ base) & (t ^ d)) >= 0 && d == (int) d;
    }

    private int firstRelative() {
        return (int) INT.get(bytes, entriesAt);
    }

    /**
     * Writes the ring part's entries (after its time-encoding byte) for a ring that {@link #staysRelative} keeps
     * relative: the base, the stored entries, the held event.
     */
    void writeRelative(StateWriter out) {
        int stride = 4 + 4 * n;
        int from = shifted ? 1 : 0;
        long oldest = shifted ? (count > 1 ? base + (int) INT.get(bytes, entriesAt + stride) : appendedTime) : base;
        out.i64(oldest);
        byte[] b = out.bytes();
        int at = out.position();
        int kept = (count - from) * stride;
        System.arraycopy(bytes, entriesAt + from * stride, b, at, kept);
        if (shifted && count > 1) {
            int delta = (int) (oldest - base);
            for (int e = at, end = at + kept; e < end; e += stride) {
                INT.set(b, e, (int) INT.get(b, e) - delta);
            }
        }
        at += kept;
        if (appended) {
            INT.set(b, at, (int) (appendedTime - oldest));
            at += 4;
            for (int j = 0; j < n; j++, at += 4) {
                FLOAT.set(b, at, appendedValues[j]);
            }
        }
        out.advance(at - out.position());
    }
}
