package io.seqscore.app.state;

/**
 * Part 1, what every key has: when it was last updated and last had an event, the last event's anomaly score and
 * flag, and n, the values per event. Always written, always first.
 *
 * <pre>
 * version 1:
 *   i64  last update, wall clock ms        (idle expiry reads it without decoding the rest)
 *   i64  last event time                   Long.MIN_VALUE: none yet
 *   f64  last anomaly score                NaN: none
 *   u8   flags                             bit 0: the last event was flagged
 *   var  n                                 values per event (0: none yet)
 * </pre>
 */
final class KeyPart implements StatePart {
    static final KeyPart INSTANCE = new KeyPart();
    static final int ID = 1;
    private static final int FLAG_FLAGGED = 1;

    private KeyPart() {
    }

    @Override
    public int id() {
        return ID;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public String name() {
        return "key";
    }

    @Override
    public boolean presentIn(KeyState s) {
        return true;
    }

    @Override
    public int size(KeyState s) {
        return 3 * 8 + 1 + StateWriter.varintSize(s.inputSize);
    }

    @Override
    public void write(KeyState s, StateWriter out) {
        out.i64(s.lastUpdateWallClock);
        out.i64(s.lastEventTime);
        out.f64(s.lastAnomalyScore);
        out.u8(s.lastFlagged ? FLAG_FLAGGED : 0);
        out.varint(s.inputSize);
    }

    @Override
    public void read(StateReader in, int version, KeyState into) {
        into.lastUpdateWallClock = in.i64("last update time");
        into.lastEventTime = in.i64("last event time");
        into.lastAnomalyScore = in.f64("last anomaly score");
        int flags = in.u8("flags");
        if ((flags & ~FLAG_FLAGGED) != 0) {
            throw new StateFormatException("unknown state flags 0x" + Integer.toHexString(flags));
        }
        into.lastFlagged = (flags & FLAG_FLAGGED) != 0;
        into.inputSize = in.varint("input size", KeyStateCodec.MAX_U16);
    }
}
