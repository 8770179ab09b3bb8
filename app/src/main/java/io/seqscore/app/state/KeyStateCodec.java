package io.seqscore.app.state;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * The binary form of a {@link KeyState}, the value of a key in the scorer's store and its changelog.
 *
 * <pre>
 * format 1, little-endian:
 *   u8   1                                 format version
 *   u8   flags                             bit 0: the last event was flagged; other bits 0
 *   u16  L, u8[L]                          model name, UTF-8 (L = 0: no model)
 *   i64  model version                     −1: no model
 *   i64  stepsSeen
 *   i64  last event time                   Long.MIN_VALUE: none yet
 *   i64  last update, wall clock ms        (idle expiry)
 *   f64  last anomaly score                NaN: none
 *   u16  n                                 values per event (0: none yet)
 *   u32  S, f32[S]                         recurrent state h/c, model/core's state layout
 *   u16  H, u16 D, f32[H·D]                forecast made at the last event (H = 0: none; then D = 0)
 *   i32  count, u16 R, f32[R] mean, f32[R] var    running statistics of standardized residuals
 *   i32  k, then if k > 0: f32[n] mean, f32[n] M2  the key's own normalizer (Welford)
 *   u16  capacity, u16 m, f32[m·n]         recent raw inputs, oldest first (m ≤ capacity)
 *   u32  CRC-32 of every byte before it
 * </pre>
 * Floats are stored as their raw IEEE-754 bits, so a round trip is exact. Decoding rejects an unknown
 * version, a checksum mismatch, truncated or trailing bytes and inconsistent lengths with a
 * {@link StateFormatException} naming the field. A value is 72 bytes plus the model name and 4 bytes
 * per float of the recurrent state, the forecast, the residual statistics, the normalizer and the
 * buffered inputs: an LSTM of one layer of 64 units on one value, with 32 buffered inputs, takes 731.
 *
 * <p>Not thread-safe: one instance per processor (it reuses its checksum and name buffers).
 */
public final class KeyStateCodec {
    public static final int FORMAT_VERSION = 1;
    static final int MAX_U16 = 0xFFFF;
    static final int MAX_STATE_FLOATS = 1 << 24;
    private static final int FLAG_FLAGGED = 1;
    /** Bytes before the model name: version, flags, name length. */
    private static final int NAME_OFFSET = 4;

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle FLOAT = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle DOUBLE = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);

    private final CRC32 crc = new CRC32();
    private String cachedName = "";
    private byte[] cachedNameBytes = new byte[0];
    private byte[] bytes;
    private int pos;
    private int end;

    /** Encodes the state into a new array of exactly its size. */
    public byte[] encode(KeyState s) {
        byte[] name = nameBytes(s.modelName);
        if (name.length > MAX_U16) {
            throw new IllegalArgumentException("model name is " + name.length + " bytes in UTF-8, at most " + MAX_U16);
        }
        int n = s.inputSize;
        int hd = s.horizon * s.outputDim;
        int norm = s.normalizerCount > 0 ? 2 * n : 0;
        int size = NAME_OFFSET + name.length + 5 * 8 + 2 + 4 + 4 * s.recurrentSize + 4 + 4 * hd + 4 + 2
                + 8 * s.residualDims + 4 + 4 * norm + 4 + 4 * s.ringCount * n + 4;
        bytes = new byte[size];
        pos = 0;
        u8(FORMAT_VERSION);
        u8(s.lastFlagged ? FLAG_FLAGGED : 0);
        u16(name.length);
        System.arraycopy(name, 0, bytes, pos, name.length);
        pos += name.length;
        i64(s.modelVersion);
        i64(s.stepsSeen);
        i64(s.lastEventTime);
        i64(s.lastUpdateWallClock);
        DOUBLE.set(bytes, pos, s.lastAnomalyScore);
        pos += 8;
        u16(n);
        i32(s.recurrentSize);
        floats(s.recurrent, 0, s.recurrentSize);
        u16(s.horizon);
        u16(s.outputDim);
        floats(s.forecast, 0, hd);
        i32(s.residualCount);
        u16(s.residualDims);
        floats(s.residualMean, 0, s.residualDims);
        floats(s.residualVar, 0, s.residualDims);
        i32(s.normalizerCount);
        if (s.normalizerCount > 0) {
            floats(s.normalizerMean, 0, n);
            floats(s.normalizerM2, 0, n);
        }
        u16(s.ringCapacity);
        u16(s.ringCount);
        for (int i = 0; i < s.ringCount; i++) {
            floats(s.ring, ((s.ringStart + i) % s.ringCapacity) * n, n);
        }
        crc.reset();
        crc.update(bytes, 0, pos);
        i32((int) crc.getValue());
        byte[] out = bytes;
        bytes = null;
        return out;
    }

    /**
     * Decodes into {@code into}, which is overwritten (its arrays reused when large enough).
     *
     * @throws StateFormatException when the bytes are not a valid state of a known format version
     */
    public void decode(byte[] value, KeyState into) {
        if (value == null) {
            throw new StateFormatException("no state bytes");
        }
        if (value.length == 0) {
            throw new StateFormatException("empty state value");
        }
        int version = value[0] & 0xFF;
        if (version != FORMAT_VERSION) {
            throw new StateFormatException("unknown state format version " + version + " (this build reads version "
                    + FORMAT_VERSION + ")");
        }
        if (value.length < NAME_OFFSET + 4) {
            throw new StateFormatException("truncated state: " + value.length + " bytes");
        }
        long stored = Integer.toUnsignedLong((int) INT.get(value, value.length - 4));
        crc.reset();
        crc.update(value, 0, value.length - 4);
        if (stored != crc.getValue()) {
            throw new StateFormatException("state checksum mismatch: stored CRC-32 0x" + Long.toHexString(stored)
                    + ", computed 0x" + Long.toHexString(crc.getValue()) + " over " + (value.length - 4) + " bytes");
        }
        bytes = value;
        pos = 1;
        end = value.length - 4;
        try {
            int flags = u8("flags");
            if ((flags & ~FLAG_FLAGGED) != 0) {
                throw new StateFormatException("unknown state flags 0x" + Integer.toHexString(flags));
            }
            into.lastFlagged = (flags & FLAG_FLAGGED) != 0;
            int nameLength = u16("model name length");
            need(nameLength, "model name");
            into.modelName = name(value, pos, nameLength);
            pos += nameLength;
            into.modelVersion = i64("model version");
            if (into.modelVersion < KeyState.NO_VERSION || (into.modelVersion == KeyState.NO_VERSION) != (nameLength == 0)) {
                throw new StateFormatException("model version " + into.modelVersion + " does not go with a model name of "
                        + nameLength + " bytes");
            }
            into.stepsSeen = nonNegative(i64("steps seen"), "steps seen");
            into.lastEventTime = i64("last event time");
            into.lastUpdateWallClock = i64("last update time");
            need(8, "last anomaly score");
            into.lastAnomalyScore = (double) DOUBLE.get(value, pos);
            pos += 8;
            int n = u16("input size");
            into.inputSize = n;

            int stateSize = i32("recurrent state length");
            if (stateSize < 0 || stateSize > MAX_STATE_FLOATS) {
                throw new StateFormatException("recurrent state length " + stateSize + " outside [0, " + MAX_STATE_FLOATS + "]");
            }
            if (stateSize > 0) {
                into.recurrent = KeyState.exact(into.recurrent, stateSize);
            }
            into.recurrentSize = stateSize;
            readFloats(into.recurrent, stateSize, "recurrent state");

            int h = u16("forecast horizon");
            int d = u16("forecast dimension");
            if ((h == 0) != (d == 0)) {
                throw new StateFormatException("forecast horizon " + h + " and dimension " + d + " must both be 0 or both > 0");
            }
            into.forecast = KeyState.grow(into.forecast, h * d);
            into.horizon = h;
            into.outputDim = d;
            readFloats(into.forecast, h * d, "forecast");

            into.residualCount = (int) nonNegative(i32("residual count"), "residual count");
            int dims = u16("residual dimension");
            into.residualMean = KeyState.grow(into.residualMean, dims);
            into.residualVar = KeyState.grow(into.residualVar, dims);
            into.residualDims = dims;
            readFloats(into.residualMean, dims, "residual means");
            readFloats(into.residualVar, dims, "residual variances");

            int k = (int) nonNegative(i32("normalizer count"), "normalizer count");
            into.normalizerCount = k;
            if (k > 0) {
                if (n == 0) {
                    throw new StateFormatException("normalizer count " + k + " with input size 0");
                }
                into.normalizerMean = KeyState.grow(into.normalizerMean, n);
                into.normalizerM2 = KeyState.grow(into.normalizerM2, n);
                readFloats(into.normalizerMean, n, "normalizer means");
                readFloats(into.normalizerM2, n, "normalizer M2");
            }

            int capacity = u16("input ring capacity");
            int count = u16("input ring count");
            if (count > capacity) {
                throw new StateFormatException("input ring holds " + count + " inputs, more than its capacity " + capacity);
            }
            if (count > 0 && n == 0) {
                throw new StateFormatException("input ring holds " + count + " inputs of size 0");
            }
            into.ring = KeyState.grow(into.ring, capacity * n);
            into.ringCapacity = capacity;
            into.ringStart = 0;
            into.ringCount = count;
            readFloats(into.ring, count * n, "buffered inputs");
            if (pos != end) {
                throw new StateFormatException((end - pos) + " unexpected bytes after the buffered inputs");
            }
        } finally {
            bytes = null;
        }
    }

    /** Decodes into a new state (for queries; the scoring path reuses one with {@link #decode(byte[], KeyState)}). */
    public static KeyState decode(byte[] value) {
        KeyState s = new KeyState();
        new KeyStateCodec().decode(value, s);
        return s;
    }

    /**
     * The last update time (wall clock) of an encoded state, checked as {@link #decode(byte[], KeyState)}
     * would check it (version, checksum) without decoding the rest.
     */
    public long lastUpdateWallClock(byte[] value) {
        if (value == null || value.length < NAME_OFFSET + 4 || (value[0] & 0xFF) != FORMAT_VERSION) {
            throw new StateFormatException(value == null || value.length == 0 ? "empty state value"
                    : "unknown state format version " + (value[0] & 0xFF) + " or truncated state");
        }
        long stored = Integer.toUnsignedLong((int) INT.get(value, value.length - 4));
        crc.reset();
        crc.update(value, 0, value.length - 4);
        if (stored != crc.getValue()) {
            throw new StateFormatException("state checksum mismatch: stored CRC-32 0x" + Long.toHexString(stored)
                    + ", computed 0x" + Long.toHexString(crc.getValue()));
        }
        int at = NAME_OFFSET + Short.toUnsignedInt((short) SHORT.get(value, 2)) + 3 * 8;
        if (at + 8 > value.length - 4) {
            throw new StateFormatException("truncated state: " + value.length + " bytes");
        }
        return (long) LONG.get(value, at);
    }

    private byte[] nameBytes(String name) {
        if (name != cachedName && !name.equals(cachedName)) {
            cachedName = name;
            cachedNameBytes = name.getBytes(StandardCharsets.UTF_8);
        }
        return cachedNameBytes;
    }

    private String name(byte[] value, int offset, int length) {
        if (length == cachedNameBytes.length
                && Arrays.equals(value, offset, offset + length, cachedNameBytes, 0, length)) {
            return cachedName;
        }
        cachedNameBytes = Arrays.copyOfRange(value, offset, offset + length);
        cachedName = new String(cachedNameBytes, StandardCharsets.UTF_8);
        return cachedName;
    }

    private void u8(int v) {
        bytes[pos++] = (byte) v;
    }

    private void u16(int v) {
        SHORT.set(bytes, pos, (short) v);
        pos += 2;
    }

    private void i32(int v) {
        INT.set(bytes, pos, v);
        pos += 4;
    }

    private void i64(long v) {
        LONG.set(bytes, pos, v);
        pos += 8;
    }

    private void floats(float[] a, int from, int count) {
        for (int i = 0; i < count; i++) {
            FLOAT.set(bytes, pos, a[from + i]);
            pos += 4;
        }
    }

    private int u8(String field) {
        need(1, field);
        return bytes[pos++] & 0xFF;
    }

    private int u16(String field) {
        need(2, field);
        int v = Short.toUnsignedInt((short) SHORT.get(bytes, pos));
        pos += 2;
        return v;
    }

    private int i32(String field) {
        need(4, field);
        int v = (int) INT.get(bytes, pos);
        pos += 4;
        return v;
    }

    private long i64(String field) {
        need(8, field);
        long v = (long) LONG.get(bytes, pos);
        pos += 8;
        return v;
    }

    private void readFloats(float[] into, int count, String field) {
        need(4L * count, field);
        for (int i = 0; i < count; i++) {
            into[i] = (float) FLOAT.get(bytes, pos);
            pos += 4;
        }
    }

    private void need(long count, String field) {
        if (count > end - pos) {
            throw new StateFormatException("truncated state: " + field + " needs " + count + " bytes at offset " + pos
                    + ", " + (end - pos) + " remain before the checksum");
        }
    }

    private static long nonNegative(long v, String field) {
        if (v < 0) {
            throw new StateFormatException(field + " is negative: " + v);
        }
        return v;
    }
}
