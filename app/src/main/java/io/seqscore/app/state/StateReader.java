package io.seqscore.app.state;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A cursor over stored state bytes, little-endian, bounded by an end that the caller sets (the checksum, or the end
 * of a part). Every read checks that its bytes are there and fails with a {@link StateFormatException} naming the
 * field. Reused by its codec: a decode allocates nothing here.
 */
final class StateReader {
    static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle FLOAT = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle DOUBLE = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] bytes;
    private int pos;
    private int end;
    private String boundary;
    private boolean ringInPlace;

    /** Reads {@code bytes} from {@code from}, up to {@code end}, described in messages as {@code boundary}. */
    void reset(byte[] bytes, int from, int end, String boundary) {
        this.bytes = bytes;
        this.pos = from;
        this.end = end;
        this.boundary = boundary;
    }

    /** Drops the reference to the bytes, and reads the next ring into arrays again. */
    void release() {
        bytes = null;
        ringInPlace = false;
    }

    /** Until {@link #release}: the event ring part leaves its entries in the bytes ({@link StoredRing}). */
    void leaveRingInPlace() {
        ringInPlace = true;
    }

    boolean leavesRingInPlace() {
        return ringInPlace;
    }

    byte[] bytes() {
        return bytes;
    }

    int position() {
        return pos;
    }

    int end() {
        return end;
    }

    String boundary() {
        return boundary;
    }

    /** Moves the end (and its description), as a part's body is read. */
    void limit(int end, String boundary) {
        this.end = end;
        this.boundary = boundary;
    }

    void skip(int count, String field) {
        need(count, field);
        pos += count;
    }

    int remaining() {
        return end - pos;
    }

    int u8(String field) {
        need(1, field);
        return bytes[pos++] & 0xFF;
    }

    int u16(String field) {
        need(2, field);
        int v = Short.toUnsignedInt((short) SHORT.get(bytes, pos));
        pos += 2;
        return v;
    }

    int i32(String field) {
        need(4, field);
        int v = (int) INT.get(bytes, pos);
        pos += 4;
        return v;
    }

    long i64(String field) {
        need(8, field);
        long v = (long) LONG.get(bytes, pos);
        pos += 8;
        return v;
    }

    double f64(String field) {
        need(8, field);
        double v = (double) DOUBLE.get(bytes, pos);
        pos += 8;
        return v;
    }

    /** An unsigned LEB128 varint of at most 5 bytes whose value is an int in [0, max]. */
    int varint(String field, int max) {
        int at = pos;
        if (at < end) {
            int b = bytes[at];
            if (b >= 0 && b <= max) {
                pos = at + 1;
                return b;
            }
        }
        long v = varlong(field, 5);
        if (v > max) {
            throw new StateFormatException(field + " " + v + " outside [0, " + max + "]");
        }
        return (int) v;
    }

    /** An unsigned LEB128 varint of at most 9 bytes (values in [0, 2^63)). */
    long varlong(String field) {
        int at = pos;
        if (at < end && bytes[at] >= 0) {
            pos = at + 1;
            return bytes[at];
        }
        return varlong(field, 9);
    }

    private long varlong(String field, int maxBytes) {
        long v = 0;
        for (int i = 0, shift = 0; ; i++, shift += 7) {
            if (i == maxBytes) {
                throw new StateFormatException(field + " is a varint of more than " + maxBytes + " bytes at offset "
                        + (pos - i));
            }
            int b = u8(field);
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
    }

    void floats(float[] into, int from, int count, String field) {
        need(4L * count, field);
        byte[] b = bytes;
        int at = pos;
        for (int i = 0; i < count; i++, at += 4) {
            into[from + i] = (float) FLOAT.get(b, at);
        }
        pos = at;
    }

    void doubles(double[] into, int count, String field) {
        need(8L * count, field);
        byte[] b = bytes;
        int at = pos;
        for (int i = 0; i < count; i++, at += 8) {
            into[i] = (double) DOUBLE.get(b, at);
        }
        pos = at;
    }

    /** Advances past {@code count} bytes that the caller has read itself (after a {@link #need}). */
    void advance(int count) {
        pos += count;
    }

    void need(long count, String field) {
        if (count > end - pos) {
            throw new StateFormatException("truncated state: " + field + " needs " + count + " bytes at offset " + pos
                    + ", " + (end - pos) + " remain before " + boundary);
        }
    }
}
