package io.seqscore.trainer.rollout;

import io.seqscore.avro.RolloutMode;

import java.util.HashMap;
import java.util.Map;

/**
 * The controller's progress besides its offsets: the candidate it is gathering evidence for, the serving
 * version it compares with, the event-time span so far, both arms, and the last candidate it decided. It is
 * committed as the metadata of the consumer group's offsets, in the same transaction, so offsets and evidence
 * always agree; {@link #encode()} is short (well under Kafka's 4096-byte offset metadata limit).
 */
final class WatchState {
    static final long NONE = 0L;
    private static final String FORMAT = "rollout-watch-1";

    long candidate = NONE;
    RolloutMode mode = RolloutMode.CANARY;
    long serving = NONE;
    long spanStart = Long.MIN_VALUE;
    long latestEventTime = Long.MIN_VALUE;
    ArmStats servingArm = new ArmStats();
    ArmStats candidateArm = new ArmStats();
    long decided = NONE;

    /** Starts gathering for a new candidate against {@code servingVersion}; {@code activateAt} may be null. */
    void start(long candidateVersion, RolloutMode candidateMode, long servingVersion, Long activateAt) {
        candidate = candidateVersion;
        mode = candidateMode;
        serving = servingVersion;
        spanStart = activateAt == null ? Long.MIN_VALUE : activateAt;
        latestEventTime = Long.MIN_VALUE;
        servingArm = new ArmStats();
        candidateArm = new ArmStats();
    }

    /** Whether a candidate is being watched and not yet decided. */
    boolean active() {
        return candidate != NONE && candidate != decided;
    }

    boolean spanStarted() {
        return spanStart != Long.MIN_VALUE;
    }

    long waitedMs() {
        return !spanStarted() || latestEventTime == Long.MIN_VALUE ? 0 : Math.max(0, latestEventTime - spanStart);
    }

    String encode() {
        return FORMAT + ";c=" + candidate + ";m=" + mode + ";s=" + serving + ";from=" + spanStart + ";to="
                + latestEventTime + ";d=" + decided + ";S=" + servingArm.encode() + ";C=" + candidateArm.encode();
    }

    /** The state in {@code text}; a fresh one when it is null or empty (no commit yet). */
    static WatchState decode(String text) {
        WatchState s = new WatchState();
        if (text == null || text.isEmpty()) {
            return s;
        }
        String[] parts = text.split(";");
        if (!parts[0].equals(FORMAT)) {
            throw new IllegalArgumentException("the consumer group's offsets carry an unknown state '" + parts[0]
                    + "' (expected " + FORMAT + "): use another --group, or reset this one");
        }
        Map<String, String> f = new HashMap<>();
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            f.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
        }
        s.candidate = Long.parseLong(f.get("c"));
        s.mode = RolloutMode.valueOf(f.get("m"));
        s.serving = Long.parseLong(f.get("s"));
        s.spanStart = Long.parseLong(f.get("from"));
        s.latestEventTime = Long.parseLong(f.get("to"));
        s.decided = Long.parseLong(f.get("d"));
        s.servingArm = ArmStats.decode(f.get("S"));
        s.candidateArm = ArmStats.decode(f.get("C"));
        return s;
    }
}
