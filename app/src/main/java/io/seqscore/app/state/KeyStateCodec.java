package io.seqscore.app.state;

import java.util.zip.CRC32;

import static io.seqscore.app.state.StateReader.INT;
import static io.seqscore.app.state.StateReader.LONG;

/**
 * The binary form of a {@link KeyState}, the value of a key in the scorer's store and its changelog.
 *
 * <pre>
 * format 4 (written), little-endian:
 *   u8   4                                 format version
 *   parts, in ascending id order, each at most once:
 *     u8   tag                             id (1–127); bit 7: a reader not knowing the id may skip the part
 *     u8   part version
 *     var  length, u8[length]              the part's body
 *   u32  CRC-32 of every byte before it
 * </pre>
 * {@code var} is an unsigned LEB128 varint (7 bits a byte, low first). The parts ({@link StatePart}), each one
 * class: {@link KeyPart} 1 (always), {@link RecurrentPart} 2, {@link ResidualStatsPart} 3, {@link NormalizerPart} 4,
 * {@link EventRingPart} 5, {@link RangeDetectorPart} 6, {@link ReplayPart} 7, {@link FeatureStatePart} 8, {@link SeasonSelectionPart} 9 (optional); the key part comes first, and any other
 * part whose fields are all at their {@link KeyState#clear()} values is left out. A required part of an unknown id, or of a version newer than this
 * build reads, rejects the state. Formats 1–3 ({@link LegacyStateReader}) are still read, and written back as
 * format 4. docs/state-format.md has the layouts, the sizes and how to add a part.
 *
 * <p>Floats are stored as their raw IEEE-754 bits, so a round trip is exact. Decoding rejects an unknown version, a
 * checksum mismatch, truncated or trailing bytes and inconsistent lengths with a {@link StateFormatException}
 * naming the field. Decoding a format-4 state into a reused {@link KeyState} allocates nothing once its arrays have
 * grown, except a checkpoint's bytes under the replay guard; encoding allocates the output array only.
 *
 * <p>Not thread-safe: one instance per processor (it reuses its checksum and cursors).
 */
public final class KeyStateCodec {
    public static final int FORMAT_VERSION = 4;
    /** The oldest format this build still reads. */
    public static final int OLDEST_FORMAT_VERSION = 1;
    static final int MAX_U16 = 0xFFFF;
    private static final int MAX_ID = 0x7F;
    /** Bytes of a format-4 state besides its parts: the version byte and the checksum. */
    private static final int FRAME = 1 + 4;

    /** The parts of format 4, in id order. */
    private static final StatePart[] PARTS = {
            KeyPart.INSTANCE, RecurrentPart.INSTANCE, ResidualStatsPart.INSTANCE, NormalizerPart.INSTANCE,
            EventRingPart.INSTANCE, RangeDetectorPart.INSTANCE, ReplayPart.INSTANCE,
            FeatureStatePart.INSTANCE, SeasonSelectionPart.INSTANCE};
    private static final StatePart[] BY_ID = byId(PARTS);
    private static final String[] BOUNDARIES = boundaries(BY_ID);
    /** Each part's tag and version, by index in {@link #PARTS} (read once, not through the interface per event). */
    private static final int[] TAGS = new int[PARTS.length];
    private static final int[] VERSIONS = new int[PARTS.length];
    /** The version this build reads up to, by id. */
    private static final int[] READS = new int[BY_ID.length];

    static {
        for (int i = 0; i < PARTS.length; i++) {
            StatePart part = PARTS[i];
            TAGS[i] = part.optional() ? part.id() | StatePart.OPTIONAL : part.id();
            VERSIONS[i] = part.version();
            READS[part.id()] = part.version();
        }
    }

    private final CRC32 crc = new CRC32();
    private final StateReader reader = new StateReader();
    private final StateWriter writer = new StateWriter();
    private final int[] sizes = new int[PARTS.length];
    private KeyState legacyCheckpoint;

    /** Encodes the state, with its replay guard when it has one, into a new array of exactly its size. */
    public byte[] encode(KeyState s) {
        return encode(s, true);
    }

    /** Encodes the state without its replay guard (the form a checkpoint holds). */
    public byte[] encodeWithoutReplay(KeyState s) {
        return encode(s, false);
    }

    private byte[] encode(KeyState s, boolean replay) {
        int size = FRAME;
        for (int i = 0; i < PARTS.length; i++) {
            StatePart part = PARTS[i];
            if ((replay || part.checkpointed()) && part.presentIn(s)) {
                int body = part.size(s);
                sizes[i] = body;
                size += 2 + StateWriter.varintSize(body) + body;
            } else {
                sizes[i] = -1;
            }
        }
        byte[] bytes = new byte[size];
        StateWriter out = writer;
        out.reset(bytes, 0);
        out.u8(FORMAT_VERSION);
        for (int i = 0; i < PARTS.length; i++) {
            if (sizes[i] < 0) {
                continue;
            }
            StatePart part = PARTS[i];
            out.u8(TAGS[i]);
            out.u8(VERSIONS[i]);
            out.varint(sizes[i]);
            int start = out.position();
            part.write(s, out);
            if (out.position() - start != sizes[i]) {
                throw new IllegalStateException("part " + part.name() + " wrote " + (out.position() - start)
                        + " bytes, announced " + sizes[i]);
            }
        }
        crc.reset();
        crc.update(bytes, 0, out.position());
        out.i32((int) crc.getValue());
        out.reset(null, 0);
        return bytes;
    }

    /**
     * Decodes into {@code into}, which is overwritten (its arrays reused when large enough).
     *
     * @throws StateFormatException when the bytes are not a valid state of a known format version
     */
    public void decode(byte[] value, KeyState into) {
        decode(value, into, false);
    }

    /**
     * As {@link #decode(byte[], KeyState)}, for the scoring path (the lean frame): a format-4 ring of relative
     * times stays in {@code value} ({@link StoredRing}) until the state reads an entry, and the next encode moves it
     * as bytes; the stored bytes written are the same. {@code value} must not change while {@code into} is in use.
     *
     * @throws StateFormatException when the bytes are not a valid state of a known format version
     */
    public void decodeLean(byte[] value, KeyState into) {
        decode(value, into, true);
    }

    private void decode(byte[] value, KeyState into, boolean ringInPlace) {
        int version = checked(value);
        into.clear();
        StateReader in = reader;
        in.reset(value, 1, value.length - 4, "the checksum");
        try {
            if (version == FORMAT_VERSION) {
                if (ringInPlace) {
                    in.leaveRingInPlace();
                }
                readParts(in, into);
            } else {
                LegacyStateReader.read(version, in, into);
            }
        } finally {
            in.release();
        }
        if (version != FORMAT_VERSION && into.hasCheckpoint()) {
            rewriteCheckpoint(into);
        }
    }

    private static void readParts(StateReader in, KeyState into) {
        int previous = 0;
        while (in.remaining() > 0) {
            int tag = in.u8("part id");
            int id = tag & MAX_ID;
            int version = in.u8("part version");
            int length = in.varint("part length", Integer.MAX_VALUE);
            in.need(length, "part body");
            if (previous == 0 && id != KeyPart.ID) {
                throw new StateFormatException("state starts with part " + id + ", not the key part");
            }
            if (id <= previous) {
                throw new StateFormatException("part " + id + " after part " + previous
                        + ": parts must have ids from 1 up, in ascending order, each once");
            }
            previous = id;
            StatePart part = id < BY_ID.length ? BY_ID[id] : null;
            if (part == null) {
                if ((tag & StatePart.OPTIONAL) == 0) {
                    throw new StateFormatException("unknown state part " + id + " (version " + version
                            + ", written by a newer build?)");
                }
                in.advance(length);
                continue;
            }
            if (version < 1 || version > READS[id]) {
                throw new StateFormatException("state part " + part.name() + " of version " + version
                        + " (this build reads versions 1 to " + READS[id] + ")");
            }
            int end = in.position() + length;
            int outer = in.end();
            String boundary = in.boundary();
            in.limit(end, BOUNDARIES[id]);
            part.read(in, version, into);
            if (in.remaining() != 0) {
                throw new StateFormatException(in.remaining() + " unexpected bytes at the end of part " + part.name());
            }
            in.limit(outer, boundary);
        }
        if (previous == 0) {
            throw new StateFormatException("state without parts");
        }
    }

    /** A checkpoint read from format 3 is a format-3 state: rewritten as format 4, as the key's state will be. */
    private void rewriteCheckpoint(KeyState into) {
        if (legacyCheckpoint == null) {
            legacyCheckpoint = new KeyState();
        }
        long offset = into.checkpointOffset();
        decode(into.checkpoint(), legacyCheckpoint);
        into.adoptCheckpoint(encodeWithoutReplay(legacyCheckpoint), offset);
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
        int version = checked(value);
        StateReader in = reader;
        try {
            if (version != FORMAT_VERSION) {
                in.reset(value, 2, value.length - 4, "the checksum");
                int nameLength = in.u16("model name length");
                in.skip(nameLength + 3 * 8, "last update time");
                return in.i64("last update time");
            }
            in.reset(value, 1, value.length - 4, "the checksum");
            int tag = in.u8("part id");
            int partVersion = in.u8("part version");
            int length = in.varint("part length", Integer.MAX_VALUE);
            if (tag != KeyPart.ID) {
                throw new StateFormatException("state starts with part " + (tag & MAX_ID) + ", not the key part");
            }
            if (partVersion < 1 || partVersion > KeyPart.INSTANCE.version() || length < 8) {
                throw new StateFormatException("state part key of version " + partVersion + " and " + length
                        + " bytes");
            }
            in.need(8, "last update time");
            return (long) LONG.get(value, in.position());
        } finally {
            in.release();
        }
    }

    /** The format version of {@code value}, after checking that it is one this build reads and its checksum. */
    private int checked(byte[] value) {
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
        if (value.length < (version == FORMAT_VERSION ? FRAME : 4 + 4)) {
            throw new StateFormatException("truncated state: " + value.length + " bytes");
        }
        long stored = Integer.toUnsignedLong((int) INT.get(value, value.length - 4));
        crc.reset();
        crc.update(value, 0, value.length - 4);
        if (stored != crc.getValue()) {
            throw new StateFormatException("state checksum mismatch: stored CRC-32 0x" + Long.toHexString(stored)
                    + ", computed 0x" + Long.toHexString(crc.getValue()) + " over " + (value.length - 4) + " bytes");
        }
        return version;
    }

    private static String[] boundaries(StatePart[] byId) {
        String[] b = new String[byId.length];
        for (StatePart part : byId) {
            if (part != null) {
                b[part.id()] = "the end of part " + part.name();
            }
        }
        return b;
    }

    private static StatePart[] byId(StatePart[] parts) {
        StatePart[] byId = new StatePart[parts[parts.length - 1].id() + 1];
        int previous = 0;
        for (StatePart part : parts) {
            if (part.id() <= previous || part.id() > MAX_ID) {
                throw new IllegalStateException("state part ids must ascend within [1, " + MAX_ID + "]: " + part.name());
            }
            previous = part.id();
            byId[part.id()] = part;
        }
        return byId;
    }
}
