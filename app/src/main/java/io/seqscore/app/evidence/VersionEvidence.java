package io.seqscore.app.evidence;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every arm's {@link ArmEvidence} in this instance, by model name, version and role. Shared by the stream
 * threads; an arm is created the first time a version scores in a role and kept for the process's life
 * (its counters are cumulative, as Prometheus counters are). Looking an arm up allocates its key: callers
 * on the per-event path keep the arm they got ({@code EvidenceRecorder} does).
 */
public final class VersionEvidence {
    private static final Comparator<ArmEvidence> ORDER = Comparator.comparing(ArmEvidence::model)
            .thenComparingLong(ArmEvidence::version).thenComparing(ArmEvidence::role);

    private record Key(String model, long version, ModelRole role) {
    }

    private final ConcurrentHashMap<Key, ArmEvidence> arms = new ConcurrentHashMap<>();

    /** The arm of this model version in this role, created empty on first use. */
    public ArmEvidence arm(String model, long version, ModelRole role) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(role, "role");
        return arms.computeIfAbsent(new Key(model, version, role), k -> new ArmEvidence(k.model, k.version, k.role));
    }

    /** Every arm so far, by model name, version, role. */
    public List<ArmEvidence> arms() {
        List<ArmEvidence> out = new ArrayList<>(arms.values());
        out.sort(ORDER);
        return out;
    }
}
