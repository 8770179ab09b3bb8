package io.seqscore.app.state;

/**
 * One part of a key's stored state (format 4): a group of {@link KeyState} fields with one job, its own id and its
 * own version. A part reads its body in place from the stored bytes into the state's reused arrays and writes it
 * in place into the output array; nothing is allocated per event once the arrays have grown. Parts are stateless
 * and shared.
 *
 * <p>Stored as {@code u8 tag, u8 version, varint length, body}: the tag is the id (1–127) with bit 7 set when a
 * reader that does not know the id may skip the part ({@link #optional()}). {@link KeyStateCodec} lists the parts;
 * docs/state-format.md says how to add one.
 */
interface StatePart {
    /** Tag bit of a part that a reader not knowing its id skips instead of rejecting the state. */
    int OPTIONAL = 0x80;

    /** 1–127, unique; parts are stored in ascending id order. */
    int id();

    /** The version this build writes; it reads every version from 1 to this one. */
    int version();

    /** Name in error messages and docs. */
    String name();

    /**
     * Whether a reader that does not know this part may drop it (the state stays valid without it). Every part
     * of format 4 so far is required: a reader that does not know it rejects the state (the scorer then resets the
     * key, STATE_RESET).
     */
    default boolean optional() {
        return false;
    }

    /** Whether the part belongs in a checkpoint (the key's state without its replay guard). */
    default boolean checkpointed() {
        return true;
    }

    /** Whether {@code s} has anything for this part; an absent part reads back as {@link KeyState#clear()} left it. */
    boolean presentIn(KeyState s);

    /** Bytes of the body for {@code s}. */
    int size(KeyState s);

    /** Writes exactly {@link #size} bytes at the writer's position. */
    void write(KeyState s, StateWriter out);

    /**
     * Reads a body of the given version (1 to {@link #version()}) into {@code into}, which {@link KeyState#clear()}
     * has reset and the parts of lower ids have filled; the reader ends at the body's end, and the codec rejects
     * a body that is not read to its end.
     *
     * @throws StateFormatException when a field is out of range or inconsistent with the parts read before
     */
    void read(StateReader in, int version, KeyState into);
}
