package io.seqscore.app.state;

import java.util.Arrays;

/**
 * Reads the state formats before parts (1 to 3), which this build no longer writes; {@link KeyStateCodec} writes a
 * state read from them as format 4. Little-endian:
 *
 * <pre>
 * format 3:
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
 *        u16 n', u16 D', u32 S', f64[S'], i64[4]
 *   u8   replay guard                      0: none (exactly-once); 1: then
 *        i32 partition, i64 offset, i64 epoch, i64 checkpoint offset, u32 C, u8[C] (a format-3 state)
 *   u32  CRC-32 of every byte before it
 *
 * format 2: format 3 without the replay guard byte.
 *
 * format 1: the same up to the normalizer, then
 *   u16  capacity, u16 m, f32[m·n]         recent raw inputs, oldest first, without times
 *   u32  CRC-32
 * read with every buffered event's time unknown ({@link KeyState#NO_TIME}) and no detector state.
 * </pre>
 */
final class LegacyStateReader {
    static final int NEWEST_LEGACY_VERSION = 3;
    private static final int DETECTOR_NONE = 0;
    private static final int DETECTOR_RANGE = 1;
    private static final int REPLAY_NONE = 0;
    private static final int REPLAY_GUARD = 1;
    private static final int FLAG_FLAGGED = 1;

    private LegacyStateReader() {
    }

    /** Reads the bytes after the version byte (the reader spans them up to the checksum) into a cleared state. */
    static void read(int version, StateReader in, KeyState into) {
        int flags = in.u8("flags");
        if ((flags & ~FLAG_FLAGGED) != 0) {
            throw new StateFormatException("unknown state flags 0x" + Integer.toHexString(flags));
        }
        into.lastFlagged = (flags & FLAG_FLAGGED) != 0;
        int nameLength = in.u16("model name length");
        in.need(nameLength, "model name");
        into.modelName(in.bytes(), in.position(), nameLength);
        in.advance(nameLength);
        into.modelVersion = in.i64("model version");
        if (into.modelVersion < KeyState.NO_VERSION || (into.modelVersion == KeyState.NO_VERSION) != (nameLength == 0)) {
            throw new StateFormatException("model version " + into.modelVersion + " does not go with a model name of "
                    + nameLength + " bytes");
        }
        into.stepsSeen = nonNegative(in.i64("steps seen"), "steps seen");
        into.lastEventTime = in.i64("last event time");
        into.lastUpdateWallClock = in.i64("last update time");
        into.lastAnomalyScore = in.f64("last anomaly score");
        int n = in.u16("input size");
        into.inputSize = n;

        int stateSize = in.i32("recurrent state length");
        if (stateSize < 0 || stateSize > RecurrentPart.MAX_STATE_FLOATS) {
            throw new StateFormatException("recurrent state length " + stateSize + " outside [0, "
                    + RecurrentPart.MAX_STATE_FLOATS + "]");
        }
        in.need(4L * stateSize, "recurrent state");
        if (stateSize > 0) {
            into.recurrent = KeyState.exact(into.recurrent, stateSize);
        }
        into.recurrentSize = stateSize;
        in.floats(into.recurrent, 0, stateSize, "recurrent state");

        int h = in.u16("forecast horizon");
        int d = in.u16("forecast dimension");
        RecurrentPart.readForecast(in, into, h, d);

        into.residualCount = (int) nonNegative(in.i32("residual count"), "residual count");
        int dims = in.u16("residual dimension");
        ResidualStatsPart.readStatistics(in, into, dims);

        int k = (int) nonNegative(in.i32("normalizer count"), "normalizer count");
        into.normalizerCount = k;
        if (k > 0) {
            if (n == 0) {
                throw new StateFormatException("normalizer count " + k + " with input size 0");
            }
            in.need(8L * n, "normalizer");
            into.normalizerMean = KeyState.grow(into.normalizerMean, n);
            into.normalizerM2 = KeyState.grow(into.normalizerM2, n);
            in.floats(into.normalizerMean, 0, n, "normalizer means");
            in.floats(into.normalizerM2, 0, n, "normalizer M2");
        }

        int capacity = in.u16("input ring capacity");
        int count = in.u16("input ring count");
        if (count > capacity) {
            throw new StateFormatException("input ring holds " + count + " inputs, more than its capacity " + capacity);
        }
        if (count > 0 && n == 0) {
            throw new StateFormatException("input ring holds " + count + " inputs of size 0");
        }
        if ((long) capacity * n > EventRingPart.MAX_RING_FLOATS) {
            throw new StateFormatException("input ring of " + capacity + " events of " + n + " values exceeds "
                    + EventRingPart.MAX_RING_FLOATS + " floats");
        }
        in.need((long) count * (4L * n + (version == 1 ? 0 : 8)), "buffered inputs");
        into.ring = KeyState.grow(into.ring, capacity * n);
        into.ringTimes = KeyState.grow(into.ringTimes, capacity);
        into.ringCapacity = capacity;
        into.ringStart = 0;
        into.ringCount = count;
        if (version == 1) {
            in.floats(into.ring, 0, count * n, "buffered inputs");
            Arrays.fill(into.ringTimes, 0, count, KeyState.NO_TIME);
            into.clearDetector();
            if (in.remaining() != 0) {
                throw new StateFormatException(in.remaining() + " unexpected bytes after the buffered inputs");
            }
            return;
        }
        for (int i = 0; i < count; i++) {
            into.ringTimes[i] = in.i64("buffered inputs");
            in.floats(into.ring, i * n, n, "buffered inputs");
        }
        readDetector(in, into);
        if (version >= 3) {
            readReplay(in, into);
        } else {
            into.clearReplay();
        }
        if (in.remaining() != 0) {
            throw new StateFormatException(in.remaining() + " unexpected bytes after the "
                    + (version >= 3 ? "replay guard" : "detector state"));
        }
    }

    private static void readDetector(StateReader in, KeyState into) {
        int kind = in.u8("detector kind");
        into.clearDetector();
        if (kind == DETECTOR_NONE) {
            return;
        }
        if (kind != DETECTOR_RANGE) {
            throw new StateFormatException("unknown detector kind " + kind);
        }
        int n = in.u16("detector values");
        int dims = in.u16("detector forecast values");
        int size = in.i32("detector state length");
        if (size < 1 || size > RangeDetectorPart.MAX_DETECTOR_DOUBLES) {
            throw new StateFormatException("detector state length " + size + " outside [1, "
                    + RangeDetectorPart.MAX_DETECTOR_DOUBLES + "]");
        }
        in.need(8L * size + 8L * KeyState.DETECTOR_COUNTERS, "detector state");
        in.doubles(into.detectorBuffer(n, dims, size), size, "detector state");
        for (int i = 0; i < KeyState.DETECTOR_COUNTERS; i++) {
            into.detectorCounters[i] = in.i64("detector counters");
        }
    }

    private static void readReplay(StateReader in, KeyState into) {
        int kind = in.u8("replay guard");
        into.clearReplay();
        if (kind == REPLAY_NONE) {
            return;
        }
        if (kind != REPLAY_GUARD) {
            throw new StateFormatException("unknown replay guard kind " + kind);
        }
        int partition = in.i32("replay partition");
        if (partition < 0) {
            throw new StateFormatException("replay partition " + partition + " is negative");
        }
        long offset = in.i64("replay offset");
        long epoch = in.i64("replay epoch");
        long checkpointOffset = in.i64("checkpoint offset");
        ReplayPart.checkOffsets(offset, checkpointOffset);
        int length = in.i32("checkpoint length");
        if (length < 0) {
            throw new StateFormatException("checkpoint length " + length + " is negative");
        }
        in.need(length, "checkpoint");
        byte[] b = in.bytes();
        int at = in.position();
        if (length > 0 && (b[at] & 0xFF) != NEWEST_LEGACY_VERSION) {
            throw new StateFormatException("checkpoint of format version " + (b[at] & 0xFF) + ", expected "
                    + NEWEST_LEGACY_VERSION);
        }
        into.replayPosition(partition, offset, epoch);
        into.checkpoint(b, at, length, checkpointOffset);
        in.advance(length);
    }

    private static long nonNegative(long v, String field) {
        if (v < 0) {
            throw new StateFormatException(field + " is negative: " + v);
        }
        return v;
    }
}
