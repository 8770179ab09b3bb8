package io.seqscore.app.state;

/**
 * Part 7, the replay guard's (at-least-once only, see {@code scoring.ReplayGuard}): the input position of the last
 * event folded in, the commit epoch of the task that wrote it, and the checkpoint, the key's state without this
 * part as of its first event after the task's last offset commit. Absent under exactly-once, and never inside a
 * checkpoint.
 *
 * <pre>
 * version 1:
 *   var  partition
 *   i64  offset                            input offset of the last event folded in
 *   i64  epoch                             commit epoch of the task that wrote it
 *   i64  checkpoint offset                 input offset of the checkpoint's last event (−1: none)
 *   var  C, u8[C]                          the checkpoint, a format-4 state (C = 0: none)
 * </pre>
 * The fixed-width fields come first, so the position can be rewritten in place.
 */
final class ReplayPart implements StatePart {
    static final ReplayPart INSTANCE = new ReplayPart();

    private ReplayPart() {
    }

    @Override
    public int id() {
        return 7;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public String name() {
        return "replay guard";
    }

    @Override
    public boolean checkpointed() {
        return false;
    }

    @Override
    public boolean presentIn(KeyState s) {
        return s.tracksReplay();
    }

    @Override
    public int size(KeyState s) {
        int c = s.checkpoint.length;
        return StateWriter.varintSize(s.replayPartition) + 3 * 8 + StateWriter.varintSize(c) + c;
    }

    @Override
    public void write(KeyState s, StateWriter out) {
        out.varint(s.replayPartition);
        out.i64(s.replayOffset);
        out.i64(s.replayEpoch);
        out.i64(s.checkpointOffset);
        out.varint(s.checkpoint.length);
        out.copy(s.checkpoint, 0, s.checkpoint.length);
    }

    @Override
    public void read(StateReader in, int version, KeyState into) {
        int partition = in.varint("replay partition", Integer.MAX_VALUE);
        long offset = in.i64("replay offset");
        long epoch = in.i64("replay epoch");
        long checkpointOffset = in.i64("checkpoint offset");
        checkOffsets(offset, checkpointOffset);
        int length = in.varint("checkpoint length", Integer.MAX_VALUE);
        in.need(length, "checkpoint");
        byte[] b = in.bytes();
        int at = in.position();
        if (length > 0 && (b[at] & 0xFF) != KeyStateCodec.FORMAT_VERSION) {
            throw new StateFormatException("checkpoint of format version " + (b[at] & 0xFF) + ", expected "
                    + KeyStateCodec.FORMAT_VERSION);
        }
        into.replayPosition(partition, offset, epoch);
        into.checkpoint(b, at, length, checkpointOffset);
        in.advance(length);
    }

    /** @throws StateFormatException unless -1 <= checkpoint offset <= replay offset */
    static void checkOffsets(long offset, long checkpointOffset) {
        if (offset < KeyState.NO_OFFSET || checkpointOffset < KeyState.NO_OFFSET || checkpointOffset > offset) {
            throw new StateFormatException("checkpoint offset " + checkpointOffset + " and offset " + offset
                    + " are not -1 <= checkpoint <= offset");
        }
    }
}
