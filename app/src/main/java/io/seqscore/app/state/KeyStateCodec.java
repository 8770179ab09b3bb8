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
 * format 3 (written), little-endian:
 *   u8   3                                 format version
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
 *   i32  k, then if k &gt; 0: f32[n] mean, f32[n] M2  the key's own normalizer (Welford)
 *   u16  capacity, u16 m, m × (i64 time, f32[n])   recent events, oldest first (m ≤ capacity)
 *   u8   detector                          0: no detector state; 1: the range detector's, then
 *        u16 n', u16 D', u32 S', f64[S'], i64[4]   values, forecast values, state and counters
 *                                                   (model/core's RangeNovelty layout)
 *   u8   replay guard                      0: none (exactly-once); 1: then (see {@link ReplayGuard})
 *        i32 partition, i64 offset          input position of the last event folded in
 *        i64 epoch                          commit epoch of the processor that wrote it
 *        i64 checkpoint offset, u32 C, u8[C]  the checkpoint: a format-3 state without replay guard
 *                                          (C = 0: none), and the input offset of its last event (−1: none)
 *   u32  CRC-32 of every byte before it
 *
 * format 2 (still read): format 3 without the replay guard byte.
 *
 * format 1 (still read): the same up to the normalizer, then
 *   u16  capacity, u16 m, f32[m·n]         recent raw inputs, oldest first, without times
 *   u32  CRC-32
 * decoded with every buffered event's time unknown ({@link KeyState#NO_TIME}; a time look-back never
 * finds such an event) and no detector state.
 * </pre>
 * Floats are stored as their raw IEEE-754 bits, so a round trip is exact. Decoding rejects an unknown
 * version, a checksum mismatch, truncated or trailing bytes and inconsistent lengths with a
 * {@link StateFormatException} naming the field. A format-3 value without replay guard is 74 bytes plus the model name, 4
 * bytes per float of the recurrent state, the forecast, the residual statistics, the normalizer and the
 * buffered values, 8 per buffered time, and with detector state 40 + 8·S' more: an LSTM of one layer of
 * 64 units on one value with 32 buffered events takes 989 (731 in format 1); one of 16 units with H = 4
 * on one value, 321 buffered events and the range detector's state (S' = 15) takes 4,245 (model name
 * "default" in both); the replay guard adds 33 bytes and its checkpoint.
 *
 * <p>Not thread-safe: one instance per processor (it reuses its checksum and name buffers).
 */
public final class KeyStateCodec {
    public static final int FORMAT_VERSION = 3;
    /** The oldest format this build still reads. */
    public static final int OLDEST_FORMAT_VERSION = 1;
    static final int MAX_DETECTOR_DOUBLES = 1 << 20;
    private static final int DETECTOR_NONE = 0;
    private static final int DETECTOR_RANGE = 1;
    private static final int REPLAY_NONE = 0;
    private static final int REPLAY_GUARD = 1;
    /** Bytes of the replay guard besides the byte that announces it and the checkpoint's own bytes. */
    private static final int REPLAY_FIELDS = 4 + 8 + 8 + 8 + 4;
    static final int MAX_U16 = 0xFFFF;
    static final int MAX_STATE_FLOATS = 1 << 24;
    /** Bound of a stored ring's capacity × values per event: its array is allocated before the entries are read. */
    static final int MAX_RING_FLOATS = 1 << 22;
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

    /** Encodes the state, with its replay guard when it has one, into a new array of exactly its size. */
    public byte[] encode(KeyState s) {
        return encode(s, s.tracksReplay());
    }

    /** Encodes the state without its replay guard (the form a checkpoint holds). */
    public byte[] encodeWithoutReplay(KeyState s) {
        return encode(s, false);
    }

    private byte[] encode(KeyState s, boolean replay) {
        byte[] name = nameBytes(s.modelName);
        if (name.length > MAX_U16) {
            throw new IllegalArgumentException("model name is " + name.length + " bytes in UTF-8, at most " + MAX_U16);
        }
        int n = s.inputSize;
        int hd = s.horizon * s.outputDim;
        int norm = s.normalizerCount > 0 ? 2 * n : 0;
        int detector = s.detectorSize > 0 ? 2 + 2 + 4 + 8 * s.detectorSize + 8 * KeyState.DETECTOR_COUNTERS : 0;
        int size = NAME_OFFSET + name.length + 5 * 8 + 2 + 4 + 4 * s.recurrentSize + 4 + 4 * hd + 4 + 2
                + 8 * s.residualDims + 4 + 4 * norm + 4 + s.ringCount * (8 + 4 * n) + 1 + detector + 1
                + (replay ? REPLAY_FIELDS + s.checkpoint.length : 0) + 4;
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
        int wrapped = Math.max(0, s.ringStart + s.ringCount - s.ringCapacity);
        events(s, s.ringStart, s.ringCount - wrapped, n);
        events(s, 0, wrapped, n);
        if (s.detectorSize > 0) {
            u8(DETECTOR_RANGE);
            u16(s.detectorValues);
            u16(s.detectorDims);
            i32(s.detectorSize);
            for (int i = 0; i < s.detectorSize; i++) {
                DOUBLE.set(bytes, pos, s.detector[i]);
                pos += 8;
            }
            for (long c : s.detectorCounters) {
                i64(c);
            }
        } else {
            u8(DETECTOR_NONE);
        }
        if (replay) {
            u8(REPLAY_GUARD);
            i32(s.replayPartition);
            i64(s.replayOffset);
            i64(s.replayEpoch);
            i64(s.checkpointOffset);
            i32(s.checkpoint.length);
            System.arraycopy(s.checkpoint, 0, bytes, pos, s.checkpoint.length);
            pos += s.checkpoint.length;
        } else {
            u8(REPLAY_NONE);
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
        if (version < OLDEST_FORMAT_VERSION || version > FORMAT_VERSION) {
            throw new StateFormatException("unknown state format version " + version + " (this build reads versions "
                    + OLDEST_FORMAT_VERSION + " to " + FORMAT_VERSION + ")");
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
            need(4L * stateSize, "recurrent state");
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
            need(4L * h * d, "forecast");
            into.forecast = KeyState.grow(into.forecast, h * d);
            into.horizon = h;
            into.outputDim = d;
            readFloats(into.forecast, h * d, "forecast");

            into.residualCount = (int) nonNegative(i32("residual count"), "residual count");
            int dims = u16("residual dimension");
            need(8L * dims, "residual statistics");
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
                need(8L * n, "normalizer");
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
            if ((long) capacity * n > MAX_RING_FLOATS) {
                throw new StateFormatException("input ring of " + capacity + " events of " + n + " values exceeds "
                        + MAX_RING_FLOATS + " floats");
            }
            need((long) count * (4L * n + (version == 1 ? 0 : 8)), "buffered inputs");
            into.ring = KeyState.grow(into.ring, capacity * n);
            into.ringTimes = KeyState.grow(into.ringTimes, capacity);
            into.ringCapacity = capacity;
            into.ringStart = 0;
            into.ringCount = count;
            if (version == 1) {
                readFloats(into.ring, 0, count * n, "buffered inputs");
                Arrays.fill(into.ringTimes, 0, count, KeyState.NO_TIME);
                into.clearDetector();
                if (pos != end) {
                    throw new StateFormatException((end - pos) + " unexpected bytes after the buffered inputs");
                }
                return;
            }
            readEvents(into, count, n);
            readDetector(into);
            if (version >= 3) {
                readReplay(into);
            } else {
                into.clearReplay();
            }
            if (pos != end) {
                throw new StateFormatException((end - pos) + " unexpected bytes after the "
                        + (version >= 3 ? "replay guard" : "detector state"));
            }
        } finally {
            bytes = null;
        }
    }

    private void readDetector(KeyState into) {
        int kind = u8("detector kind");
        into.clearDetector();
        if (kind == DETECTOR_NONE) {
            return;
        }
        if (kind != DETECTOR_RANGE) {
            throw new StateFormatException("unknown detector kind " + kind);
        }
        int n = u16("detector values");
        int dims = u16("detector forecast values");
        int size = i32("detector state length");
        if (size < 1 || size > MAX_DETECTOR_DOUBLES) {
            throw new StateFormatException("detector state length " + size + " outside [1, " + MAX_DETECTOR_DOUBLES + "]");
        }
        need(8L * size + 8L * KeyState.DETECTOR_COUNTERS, "detector state");
        double[] d = into.detectorBuffer(n, dims, size);
        for (int i = 0; i < size; i++) {
            d[i] = (double) DOUBLE.get(bytes, pos);
            pos += 8;
        }
        for (int i = 0; i < KeyState.DETECTOR_COUNTERS; i++) {
            into.detectorCounters[i] = i64("detector counters");
        }
    }

    private void readReplay(KeyState into) {
        int kind = u8("replay guard");
        into.clearReplay();
        if (kind == REPLAY_NONE) {
            return;
        }
        if (kind != REPLAY_GUARD) {
            throw new StateFormatException("unknown replay guard kind " + kind);
        }
        int partition = i32("replay partition");
        if (partition < 0) {
            throw new StateFormatException("replay partition " + partition + " is negative");
        }
        long offset = i64("replay offset");
        long epoch = i64("replay epoch");
        long checkpointOffset = i64("checkpoint offset");
        if (offset < KeyState.NO_OFFSET || checkpointOffset < KeyState.NO_OFFSET || checkpointOffset > offset) {
            throw new StateFormatException("checkpoint offset " + checkpointOffset + " and offset " + offset
                    + " are not -1 <= checkpoint <= offset");
        }
        int length = i32("checkpoint length");
        if (length < 0) {
            throw new StateFormatException("checkpoint length " + length + " is negative");
        }
        need(length, "checkpoint");
        if (length > 0 && (bytes[pos] & 0xFF) != FORMAT_VERSION) {
            throw new StateFormatException("checkpoint of format version " + (bytes[pos] & 0xFF) + ", expected "
                    + FORMAT_VERSION);
        }
        into.replayPosition(partition, offset, epoch);
        into.checkpoint(bytes, pos, length, checkpointOffset);
        pos += length;
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
        if (value == null || value.length < NAME_OFFSET + 4 || (value[0] & 0xFF) < OLDEST_FORMAT_VERSION
                || (value[0] & 0xFF) > FORMAT_VERSION) {
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
        byte[] b = bytes;
        int at = pos;
        for (int i = 0; i < count; i++, at += 4) {
            FLOAT.set(b, at, a[from + i]);
        }
        pos = at;
    }

    /** Ring slots [first, first + count) as (time, values) entries; the caller has sized the array for them. */
    private void events(KeyState s, int first, int count, int n) {
        byte[] b = bytes;
        int at = pos;
        long[] times = s.ringTimes;
        float[] ring = s.ring;
        for (int i = first; i < first + count; i++) {
            LONG.set(b, at, times[i]);
            at += 8;
            for (int j = 0, v = i * n; j < n; j++, v++, at += 4) {
                FLOAT.set(b, at, ring[v]);
            }
        }
        pos = at;
    }

    /** count (time, values) entries into the ring from slot 0; the caller has checked that the bytes hold them. */
    private void readEvents(KeyState into, int count, int n) {
        byte[] b = bytes;
        int at = pos;
        long[] times = into.ringTimes;
        float[] ring = into.ring;
        for (int i = 0; i < count; i++) {
            times[i] = (long) LONG.get(b, at);
            at += 8;
            for (int j = 0, v = i * n; j < n; j++, v++, at += 4) {
                ring[v] = (float) FLOAT.get(b, at);
            }
        }
        pos = at;
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
        readFloats(into, 0, count, field);
    }

    private void readFloats(float[] into, int from, int count, String field) {
        need(4L * count, field);
        byte[] b = bytes;
        int at = pos;
        for (int i = 0; i < count; i++, at += 4) {
            into[from + i] = (float) FLOAT.get(b, at);
        }
        pos = at;
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
