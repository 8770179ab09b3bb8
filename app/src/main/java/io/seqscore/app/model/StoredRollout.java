package io.seqscore.app.model;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.zip.CRC32;

/**
 * A model's {@link RolloutPlan} as the models' global store keeps it, so that a restart puts back the
 * exact plan (pending activations, canary, shadow, kept versions) and not only the latest release:
 * the kept releases' bytes as they were on the models topic, and the phases naming versions by release
 * version.
 *
 * <pre>
 * u8   0x52 ('R')            distinguishes it from a bare release (Confluent framing starts with 0)
 * u8   1                     format version
 * i64  latest release version
 * u16  K, then K × (i64 release version, u32 length, u8[length] release bytes)   by release version
 * u16  P, then P × (i64 start, i64 serving, i64 canary, f64 canary percent, i64 shadow)
 *                            start Long.MIN_VALUE for the first phase; versions −1 when none
 * u32  CRC-32 of every byte before it
 * </pre>
 * Little-endian.
 *
 * @param releases kept releases, oldest first
 * @param phases   the plan's phases in order
 */
public record StoredRollout(long latestRelease, List<Release> releases, List<Phase> phases) {
    static final byte MAGIC = 0x52;
    static final int FORMAT_VERSION = 1;
    private static final long NONE = -1;

    /** One kept release, as read from the models topic. */
    public record Release(long releaseVersion, byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Release r && r.releaseVersion == releaseVersion && Arrays.equals(r.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(releaseVersion) * 31 + Arrays.hashCode(bytes);
        }
    }

    /** One phase; versions are release versions, −1 for none. */
    public record Phase(long start, long serving, long canary, double canaryPercent, long shadow) {
    }

    public StoredRollout {
        releases = List.copyOf(releases);
        phases = List.copyOf(phases);
    }

    /** The plan's stored form; {@code bytesOf} gives the topic bytes of each kept release by release version. */
    public static StoredRollout of(RolloutPlan plan, LongFunction<byte[]> bytesOf) {
        List<Release> releases = new ArrayList<>();
        for (ServingModel m : plan.kept()) {
            byte[] bytes = bytesOf.apply(m.releaseVersion());
            if (bytes == null) {
                throw new IllegalArgumentException("no bytes of release " + m.releaseVersion() + " of " + plan.name());
            }
            releases.add(new Release(m.releaseVersion(), bytes));
        }
        List<Phase> phases = new ArrayList<>();
        for (int i = 0; i < plan.phaseCount(); i++) {
            RolloutPhase p = plan.phase(i);
            phases.add(new Phase(plan.start(i), ref(p.serving()), ref(p.canary()), p.canaryPercent(), ref(p.shadow())));
        }
        return new StoredRollout(plan.latestRelease(), releases, phases);
    }

    /**
     * The plan again, from the decoded kept releases.
     *
     * @param models the kept releases decoded, by release version
     * @throws IllegalArgumentException when a phase names a release that is not among them
     */
    public RolloutPlan toPlan(String name, Map<Long, ServingModel> models) {
        long[] starts = new long[phases.size()];
        RolloutPhase[] out = new RolloutPhase[phases.size()];
        for (int i = 0; i < out.length; i++) {
            Phase p = phases.get(i);
            starts[i] = p.start();
            out[i] = new RolloutPhase(model(models, p.serving()), model(models, p.canary()), p.canaryPercent(),
                    model(models, p.shadow()));
        }
        List<ServingModel> kept = new ArrayList<>();
        for (Release r : releases) {
            kept.add(model(models, r.releaseVersion()));
        }
        return new RolloutPlan(name, starts, out, kept, latestRelease);
    }

    /** Whether the bytes are a stored rollout (rather than a bare release, as stores written before it hold). */
    public static boolean isStoredRollout(byte[] value) {
        return value != null && value.length > 0 && value[0] == MAGIC;
    }

    public byte[] encode() {
        int size = 2 + 8 + 2 + 2 + 40 * phases.size() + 4;
        for (Release r : releases) {
            size += 12 + r.bytes().length;
        }
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) FORMAT_VERSION).putLong(latestRelease).putShort((short) releases.size());
        for (Release r : releases) {
            b.putLong(r.releaseVersion()).putInt(r.bytes().length).put(r.bytes());
        }
        b.putShort((short) phases.size());
        for (Phase p : phases) {
            b.putLong(p.start()).putLong(p.serving()).putLong(p.canary()).putDouble(p.canaryPercent())
                    .putLong(p.shadow());
        }
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        return b.array();
    }

    /** @throws IllegalArgumentException when the bytes are not a stored rollout of a known format */
    public static StoredRollout decode(byte[] value) {
        if (!isStoredRollout(value) || value.length < 6) {
            throw new IllegalArgumentException("not a stored rollout");
        }
        if (value[1] != FORMAT_VERSION) {
            throw new IllegalArgumentException("unknown stored rollout format " + value[1]);
        }
        ByteBuffer b = ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN);
        CRC32 crc = new CRC32();
        crc.update(value, 0, value.length - 4);
        if ((int) crc.getValue() != b.getInt(value.length - 4)) {
            throw new IllegalArgumentException("stored rollout checksum mismatch");
        }
        try {
            b.position(2);
            long latest = b.getLong();
            int k = Short.toUnsignedInt(b.getShort());
            List<Release> releases = new ArrayList<>(k);
            for (int i = 0; i < k; i++) {
                long version = b.getLong();
                int length = b.getInt();
                if (length < 0 || length > b.remaining() - 4) {
                    throw new IllegalArgumentException("stored rollout release " + version + " has a bad length " + length);
                }
                byte[] bytes = new byte[length];
                b.get(bytes);
                releases.add(new Release(version, bytes));
            }
            int p = Short.toUnsignedInt(b.getShort());
            List<Phase> phases = new ArrayList<>(p);
            for (int i = 0; i < p; i++) {
                phases.add(new Phase(b.getLong(), b.getLong(), b.getLong(), b.getDouble(), b.getLong()));
            }
            if (b.position() != value.length - 4) {
                throw new IllegalArgumentException("stored rollout has " + (value.length - 4 - b.position())
                        + " unexpected bytes");
            }
            return new StoredRollout(latest, releases, phases);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated stored rollout", e);
        }
    }

    private static long ref(ServingModel m) {
        return m == null ? NONE : m.releaseVersion();
    }

    private static ServingModel model(Map<Long, ServingModel> models, long releaseVersion) {
        if (releaseVersion == NONE) {
            return null;
        }
        ServingModel m = models.get(releaseVersion);
        if (m == null) {
            throw new IllegalArgumentException("the stored rollout uses release " + releaseVersion + ", which it does not hold");
        }
        return m;
    }
}
