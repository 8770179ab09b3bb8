package io.seqscore.app.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A snapshot of the registry for people and tools ({@code GET /api/models}), as plain records that a
 * JSON mapper writes as they are: per model name, the phase in force for events of the present, every
 * phase with its activation time (pending ones flagged), the versions kept, and its recently rejected
 * releases with the reasons. Times are ISO-8601 UTC strings; an activation time of null means "from the
 * start".
 */
public record RolloutView(List<ModelRollout> models) {

    /**
     * One model name.
     *
     * @param latestRelease the version of the latest release taken up (0 when only rejections are known)
     * @param current       the phase for events of the present (wall clock); null when nothing is served
     */
    public record ModelRollout(String name, long latestRelease, Phase current, List<Phase> phases,
                               List<Version> versions, List<Rejection> rejected) {
    }

    /**
     * What serves from an event time on.
     *
     * @param activeFrom first event time of the phase, null for the first phase
     * @param pending    whether activeFrom lies ahead of the wall clock
     */
    public record Phase(String activeFrom, boolean pending, VersionRef serving, VersionRef canary, Double canaryPercent,
                        VersionRef shadow) {
    }

    /** A served version and the release that carried it (a later one for a rollback). */
    public record VersionRef(long version, long release) {
    }

    /** A kept version, as its release asked to be rolled out. */
    public record Version(long version, long release, String mode, Double canaryPercent, String activateAt,
                          Long rollbackTo, String createdAt, boolean inUse) {
    }

    /** A refused release of the model. */
    public record Rejection(long version, String reason, String rejectedAt) {
    }

    /** The registry as it is now; {@code now} (wall clock, ms) decides the current and pending phases. */
    public static RolloutView of(ModelRegistry registry, long now) {
        Map<String, List<Rejection>> rejected = new TreeMap<>();
        for (RejectedRelease r : registry.rejections()) {
            rejected.computeIfAbsent(r.name(), n -> new ArrayList<>())
                    .add(new Rejection(r.version(), r.reason(), time(r.rejectedAt())));
        }
        Map<String, RolloutPlan> plans = registry.plans();
        List<ModelRollout> models = new ArrayList<>();
        for (String name : union(plans, rejected)) {
            RolloutPlan plan = plans.get(name);
            List<Rejection> refused = rejected.getOrDefault(name, List.of());
            if (plan == null) {
                models.add(new ModelRollout(name, 0, null, List.of(), List.of(), refused));
                continue;
            }
            List<Phase> phases = new ArrayList<>();
            Phase current = null;
            for (int i = 0; i < plan.phaseCount(); i++) {
                long start = plan.start(i);
                Phase p = phase(plan.phase(i), start, now);
                phases.add(p);
                if (start <= now) {
                    current = p;
                }
            }
            List<Version> versions = new ArrayList<>();
            for (ServingModel m : plan.kept()) {
                Rollout r = m.rollout();
                versions.add(new Version(m.version(), m.releaseVersion(), r.mode().name(),
                        r.mode() == Rollout.Mode.CANARY ? r.canaryPercent() : null,
                        r.activateAt() == null ? null : time(r.activateAt()), r.rollbackTo(), time(m.createdAt()),
                        plan.uses(m)));
            }
            models.add(new ModelRollout(name, plan.latestRelease(), current, phases, versions, refused));
        }
        return new RolloutView(models);
    }

    private static Phase phase(RolloutPhase p, long start, long now) {
        boolean first = start == Long.MIN_VALUE;
        return new Phase(first ? null : time(start), !first && start > now, ref(p.serving()), ref(p.canary()),
                p.canary() == null ? null : p.canaryPercent(), ref(p.shadow()));
    }

    private static VersionRef ref(ServingModel m) {
        return m == null ? null : new VersionRef(m.version(), m.releaseVersion());
    }

    private static List<String> union(Map<String, ?> a, Map<String, ?> b) {
        TreeMap<String, Boolean> names = new TreeMap<>();
        a.keySet().forEach(n -> names.put(n, true));
        b.keySet().forEach(n -> names.put(n, true));
        return new ArrayList<>(names.keySet());
    }

    private static String time(long epochMs) {
        return Instant.ofEpochMilli(epochMs).toString();
    }
}
