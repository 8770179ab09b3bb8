package io.seqscore.app.state;

import static io.seqscore.app.state.StateReader.DOUBLE;
import static io.seqscore.app.state.StateReader.FLOAT;
import static io.seqscore.app.state.StateReader.INT;
import static io.seqscore.app.state.StateReader.LONG;

/**
 * A cursor writing state bytes, little-endian, into an array its codec has sized exactly (parts report their size
 * first). Reused by its codec.
 */
final class StateWriter {
    private byte[] bytes;
    private int pos;

    void reset(byte[] bytes, int from) {
        this.bytes = bytes;
        this.pos = from;
    }

    byte[] bytes() {
        return bytes;
    }

    int position() {
        return pos;
    }

    /** Advances past {@code count} bytes that the caller has written itself. */
    void advance(int count) {
        pos += count;
    }

    void u8(int v) {
        bytes[pos++] = (byte) v;
    }

    void i32(int v) {
        INT.set(bytes, pos, v);
        pos += 4;
    }

    void i64(long v) {
        LONG.set(bytes, pos, v);
        pos += 8;
    }

    void f64(double v) {
        DOUBLE.set(bytes, pos, v);
        pos += 8;
    }

    /** {@code v} ≥ 0 as an unsigned LEB128 varint ({@link #varintSize} bytes). */
    void varint(long v) {
        while ((v & ~0x7FL) != 0) {
            bytes[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        bytes[pos++] = (byte) v;
    }

    void floats(float[] a, int from, int count) {
        byte[] b = bytes;
        int at = pos;
        for (int i = 0; i < count; i++, at += 4) {
            FLOAT.set(b, at, a[from + i]);
        }
        pos = at;
    }

    void doubles(double[] a, int count) {
        byte[] b = bytes;
        int at = pos;
        for (int i = 0; i < count; i++, at += 8) {
            DOUBLE.set(b, at, a[i]);
        }
        pos = at;
    }

    void copy(byte[] from, int offset, int length) {
        System.arraycopy(from, offset, bytes, pos, length);
        pos += length;
    }

    /** Bytes of {@code v} ≥ 0 as a varint: 1 below 2^7, 2 below 2^14, … */
    static int varintSize(long v) {
        return v == 0 ? 1 : (63 - Long.numberOfLeadingZeros(v)) / 7 + 1;
    }
}
