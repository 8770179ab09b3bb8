package io.seqscore.app.state;

import static io.seqscore.app.state.StateReader.FLOAT;
import static io.seqscore.app.state.StateReader.INT;
import static io.seqscore.app.state.StateReader.LONG;

/**
 * Part 5, the ring of the key's most recent events (event time and raw values), oldest first: replayed to re-warm
 * a new model version, read by SEASONAL_CHANGES inputs and the range detector's look-back. Absent when the ring has
 * no capacity.
 *
 * <pre>
 * version 1:
 *   var  capacity, var m (m ≤ capacity), var n   n: the key part's values per event
 *   when m &gt; 0:
 *   u8   time encoding                     0: relative, 1: absolute
 *     0: i64 base, m × (i32 time − base, f32[n])   when every time is within 2^31 ms of the base
 *                                                   (this writer's base: the oldest event's time)
 *     1: m × (i64 time, f32[n])                      otherwise (e.g. unknown times, Long.MIN_VALUE)
 * </pre>
 * Each entry has a fixed size, so an entry's offset is computed, not searched.
 */
final class EventRingPart implements StatePart {
    static final EventRingPart INSTANCE = new EventRingPart();
    /** Bound of a stored ring's capacity × values per event: its array is allocated before the entries are read. */
    static final int MAX_RING_FLOATS = 1 << 22;
    private static final int RELATIVE = 0;
    private static final int ABSOLUTE = 1;

    private EventRingPart() {
    }

    @Override
    public int id() {
        return 5;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public String name() {
        return "event ring";
    }

    @Override
    public boolean presentIn(KeyState s) {
        return s.ringCapacity > 0;
    }

    @Override
    public int size(KeyState s) {
        if (s.storedRing.active() && !s.storedRing.staysRelative()) {
            s.settleRing();
        }
        int m = s.ringCount;
        int head = StateWriter.varintSize(s.ringCapacity) + StateWriter.varintSize(m) + StateWriter.varintSize(s.inputSize);
        if (m == 0) {
            return head;
        }
        int values = 4 * s.inputSize;
        return head + 1 + (s.storedRing.active() || relative(s) ? 8 + m * (4 + values) : m * (8 + values));
    }

    /** Whether every buffered time is within an int of the oldest one. */
    private static boolean relative(KeyState s) {
        long base = s.ringTimes[s.ringStart];
        int wrapped = Math.max(0, s.ringStart + s.ringCount - s.ringCapacity);
        return withinInt(s.ringTimes, s.ringStart, s.ringStart + s.ringCount - wrapped, base)
                && withinInt(s.ringTimes, 0, wrapped, base);
    }

    /** Whether t − base fits in an int for every t of times[from, to) (no branch per element). */
    private static boolean withinInt(long[] times, int from, int to, long base) {
        boolean fits = true;
        for (int i = from; i < to; i++) {
            long t = times[i];
            long d = t - base;
            fits &= ((t ^ base) & (t ^ d)) >= 0 & d == (int) d;
        }
        return fits;
    }

    @Override
    public void write(KeyState s, StateWriter out) {
        int n = s.inputSize;
        out.varint(s.ringCapacity);
        out.varint(s.ringCount);
        out.varint(n);
        if (s.ringCount == 0) {
            return;
        }
        if (s.storedRing.active()) {
            out.u8(RELATIVE);
            s.storedRing.writeRelative(out);
            return;
        }
        boolean relative = relative(s);
        out.u8(relative ? RELATIVE : ABSOLUTE);
        long base = s.ringTimes[s.ringStart];
        if (relative) {
            out.i64(base);
        }
        int wrapped = Math.max(0, s.ringStart + s.ringCount - s.ringCapacity);
        writeEntries(s, s.ringStart, s.ringCount - wrapped, n, relative, base, out);
        writeEntries(s, 0, wrapped, n, relative, base, out);
    }

    /** Ring slots [first, first + count) as (time, values) entries, times relative to {@code base} or absolute. */
    private static void writeEntries(KeyState s, int first, int count, int n, boolean relative, long base,
                                     StateWriter out) {
        byte[] b = out.bytes();
        int at = out.position();
        int start = at;
        long[] times = s.ringTimes;
        float[] ring = s.ring;
        if (relative && n == 1) {
            for (int i = first; i < first + count; i++, at += 8) {
                INT.set(b, at, (int) (times[i] - base));
                FLOAT.set(b, at + 4, ring[i]);
            }
        } else if (relative) {
            for (int i = first; i < first + count; i++) {
                INT.set(b, at, (int) (times[i] - base));
                at += 4;
                for (int j = 0, v = i * n; j < n; j++, v++, at += 4) {
                    FLOAT.set(b, at, ring[v]);
                }
            }
        } else {
            for (int i = first; i < first + count; i++) {
                LONG.set(b, at, times[i]);
                at += 8;
                for (int j = 0, v = i * n; j < n; j++, v++, at += 4) {
                    FLOAT.set(b, at, ring[v]);
                }
            }
        }
        out.advance(at - start);
    }

    @Override
    public void read(StateReader in, int version, KeyState into) {
        int capacity = in.varint("input ring capacity", KeyStateCodec.MAX_U16);
        int count = in.varint("input ring count", KeyStateCodec.MAX_U16);
        int n = in.varint("input ring values", KeyStateCodec.MAX_U16);
        if (n != into.inputSize) {
            throw new StateFormatException("input ring of " + n + " values per event for an input size of "
                    + into.inputSize);
        }
        if (count > capacity) {
            throw new StateFormatException("input ring holds " + count + " inputs, more than its capacity " + capacity);
        }
        if (count > 0 && n == 0) {
            throw new StateFormatException("input ring holds " + count + " inputs of size 0");
        }
        if ((long) capacity * n > MAX_RING_FLOATS) {
            throw new StateFormatException("input ring of " + capacity + " events of " + n + " values exceeds "
                    + MAX_RING_FLOATS + " floats");
        }
        boolean relative = true;
        long base = 0;
        if (count > 0) {
            int encoding = in.u8("input ring time encoding");
            if (encoding != RELATIVE && encoding != ABSOLUTE) {
                throw new StateFormatException("unknown input ring time encoding " + encoding);
            }
            relative = encoding == RELATIVE;
            if (relative) {
                base = in.i64("input ring base time");
            }
        }
        in.need((long) count * (4L * n + (relative ? 4 : 8)), "buffered inputs");
        if (in.leavesRingInPlace() && count > 0 && relative && StoredRing.defers(base)) {
            into.ringCapacity = capacity;
            into.ringStart = 0;
            into.ringCount = count;
            into.storedRing.defer(in.bytes(), in.position(), count, n, base);
            in.advance(count * (4 + 4 * n));
            return;
        }
        into.ring = KeyState.grow(into.ring, capacity * n);
        into.ringTimes = KeyState.grow(into.ringTimes, capacity);
        into.ringCapacity = capacity;
        into.ringStart = 0;
        into.ringCount = count;
        byte[] b = in.bytes();
        int at = in.position();
        long[] times = into.ringTimes;
        float[] ring = into.ring;
        if (relative) {
            in.advance(readRelative(b, at, count, n, base, times, ring) - at);
            return;
        }
        int start = at;
        for (int i = 0; i < count; i++) {
            times[i] = (long) LONG.get(b, at);
            at += 8;
            for (int j = 0, v = i * n; j < n; j++, v++, at += 4) {
                ring[v] = (float) FLOAT.get(b, at);
            }
        }
        in.advance(at - start);
    }

    /**
     * Reads {@code count} relative-time entries of {@code n} values from {@code b[at..]} into slots 0.. of the
     * arrays; returns the offset after them.
     */
    static int readRelative(byte[] b, int at, int count, int n, long base, long[] times, float[] ring) {
        if (n == 1) {
            for (int i = 0; i < count; i++, at += 8) {
                times[i] = base + (int) INT.get(b, at);
                ring[i] = (float) FLOAT.get(b, at + 4);
            }
            return at;
        }
        for (int i = 0; i < count; i++) {
            times[i] = base + (int) INT.get(b, at);
            at += 4;
            for (int j = 0, v = i * n; j < n; j++, v++, at += 4) {
                ring[v] = (float) FLOAT.get(b, at);
            }
        }
        return at;
    }
}
