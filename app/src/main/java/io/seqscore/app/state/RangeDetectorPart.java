package io.seqscore.app.state;

/**
 * Part 6, the range detector's per-key state (model/core's RangeNovelty layout), opaque here: S' doubles and
 * {@link KeyState#DETECTOR_COUNTERS} counters for n' values and D' forecast values. Absent with the calibrated
 * detector, which keeps none. Another detector's state is another part with its own id.
 *
 * <pre>
 * version 1:
 *   var  n', var D', var S'                values, forecast values, doubles of state (S' ≥ 1)
 *   f64[S'], i64[4]                        state and counters
 * </pre>
 */
final class RangeDetectorPart implements StatePart {
    static final RangeDetectorPart INSTANCE = new RangeDetectorPart();
    static final int MAX_DETECTOR_DOUBLES = 1 << 20;

    private RangeDetectorPart() {
    }

    @Override
    public int id() {
        return 6;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public String name() {
        return "range detector";
    }

    @Override
    public boolean presentIn(KeyState s) {
        return s.detectorSize > 0;
    }

    @Override
    public int size(KeyState s) {
        return StateWriter.varintSize(s.detectorValues) + StateWriter.varintSize(s.detectorDims)
                + StateWriter.varintSize(s.detectorSize) + 8 * s.detectorSize + 8 * KeyState.DETECTOR_COUNTERS;
    }

    @Override
    public void write(KeyState s, StateWriter out) {
        out.varint(s.detectorValues);
        out.varint(s.detectorDims);
        out.varint(s.detectorSize);
        out.doubles(s.detector, s.detectorSize);
        for (long c : s.detectorCounters) {
            out.i64(c);
        }
    }

    @Override
    public void read(StateReader in, int version, KeyState into) {
        int n = in.varint("detector values", KeyStateCodec.MAX_U16);
        int dims = in.varint("detector forecast values", KeyStateCodec.MAX_U16);
        int size = in.varint("detector state length", MAX_DETECTOR_DOUBLES);
        if (size < 1) {
            throw new StateFormatException("detector state length " + size + " outside [1, " + MAX_DETECTOR_DOUBLES + "]");
        }
        in.need(8L * size + 8L * KeyState.DETECTOR_COUNTERS, "detector state");
        in.doubles(into.detectorBuffer(n, dims, size), size, "detector state");
        for (int i = 0; i < KeyState.DETECTOR_COUNTERS; i++) {
            into.detectorCounters[i] = in.i64("detector counters");
        }
    }
}
