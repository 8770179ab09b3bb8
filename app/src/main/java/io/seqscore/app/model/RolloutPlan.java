package io.seqscore.app.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a scorer serves for one model name: a sequence of {@link RolloutPhase}s over event time
 * (phase i applies to events with {@code start(i) ≤ eventTime < start(i+1)}; the first starts at
 * {@link Long#MIN_VALUE}) and the versions it keeps. Immutable; {@link ModelRegistry} swaps whole plans.
 *
 * <p>A release with activation time A (or none: every event processed from its arrival on) changes
 * only the phases from A on — the phase around A is split — by {@link RolloutPhase#apply}: FULL
 * replaces everything, CANARY the canary candidate, SHADOW the shadow candidate. Events before A keep
 * the versions they had, so an event's model depends on its event time, never on when the release was
 * read. Adjacent phases that became equal are merged.
 *
 * <p>At most {@code versionsKept} versions are kept: when the phases use more, the oldest phases are
 * dropped (the next one then applies from the start of time); versions no phase uses are kept, newest
 * first, while there is room (a rollback is checked against them and the models API lists them).
 */
public final class RolloutPlan {
    private final String name;
    private final long[] starts;
    private final RolloutPhase[] phases;
    private final List<ServingModel> kept;
    private final long latestRelease;

    RolloutPlan(String name, long[] starts, RolloutPhase[] phases, List<ServingModel> kept, long latestRelease) {
        this.name = Objects.requireNonNull(name, "name");
        if (starts.length == 0 || starts.length != phases.length || starts[0] != Long.MIN_VALUE) {
            throw new IllegalArgumentException("a plan needs phases with increasing starts, the first at Long.MIN_VALUE");
        }
        for (int i = 1; i < starts.length; i++) {
            if (starts[i] <= starts[i - 1]) {
                throw new IllegalArgumentException("phase starts must increase: " + starts[i - 1] + ", " + starts[i]);
            }
        }
        this.starts = starts.clone();
        this.phases = phases.clone();
        this.kept = List.copyOf(kept);
        this.latestRelease = latestRelease;
        for (RolloutPhase p : phases) {
            for (ServingModel m : p.models()) {
                if (!this.kept.contains(m)) {
                    throw new IllegalArgumentException("phase " + p + " uses a version the plan does not keep");
                }
            }
        }
    }

    /** No release yet: one phase in which nothing serves. */
    static RolloutPlan empty(String name) {
        return new RolloutPlan(name, new long[] {Long.MIN_VALUE}, new RolloutPhase[] {RolloutPhase.EMPTY}, List.of(), 0);
    }

    public String name() {
        return name;
    }

    /** The phase that applies to an event of this time. */
    public RolloutPhase phaseAt(long eventTime) {
        int i = phases.length - 1;
        while (starts[i] > eventTime) {
            i--;
        }
        return phases[i];
    }

    public int phaseCount() {
        return phases.length;
    }

    public RolloutPhase phase(int i) {
        return phases[i];
    }

    /** The first event time of phase i ({@link Long#MIN_VALUE} for the first phase). */
    public long start(int i) {
        return starts[i];
    }

    /** The versions kept, by release version (oldest first). */
    public List<ServingModel> kept() {
        return kept;
    }

    /** Whether a phase uses the model. */
    public boolean uses(ServingModel model) {
        for (RolloutPhase p : phases) {
            if (p.serving() == model || p.canary() == model || p.shadow() == model) {
                return true;
            }
        }
        return false;
    }

    /** Whether some phase runs a shadow of this version (its per-key shadow states are still wanted). */
    public boolean runsShadow(long version) {
        for (RolloutPhase p : phases) {
            if (p.shadow() != null && p.shadow().version() == version) {
                return true;
            }
        }
        return false;
    }

    /** The version of the latest release taken up (0: none). */
    public long latestRelease() {
        return latestRelease;
    }

    /**
     * The plan after a newer release, keeping at most {@code versionsKept} versions.
     *
     * @throws ReleaseRejectedException when the release cannot apply: a canary or shadow that reads
     *         another number of values than the version it runs beside, or a rollback whose weights differ
     *         from those of the version it names, which this plan still keeps
     */
    RolloutPlan with(ServingModel release, int versionsKept) throws ReleaseRejectedException {
        if (release.releaseVersion() <= latestRelease) {
            throw new IllegalArgumentException("release " + release.releaseVersion() + " is not newer than " + latestRelease);
        }
        checkRollback(release);
        long from = release.rollout().activeFrom();
        List<Long> newStarts = new ArrayList<>();
        List<RolloutPhase> newPhases = new ArrayList<>();
        for (int i = 0; i < phases.length; i++) {
            boolean endsBefore = i + 1 < phases.length && starts[i + 1] <= from;
            if (endsBefore) {
                add(newStarts, newPhases, starts[i], phases[i]);
            } else if (starts[i] >= from) {
                add(newStarts, newPhases, starts[i], applied(phases[i], release));
            } else {
                add(newStarts, newPhases, starts[i], phases[i]);
                add(newStarts, newPhases, from, applied(phases[i], release));
            }
        }
        while (newPhases.size() > 1 && modelsOf(newPhases).size() > versionsKept) {
            newPhases.remove(0);
            newStarts.remove(0);
            newStarts.set(0, Long.MIN_VALUE);
        }
        Set<ServingModel> used = modelsOf(newPhases);
        List<ServingModel> candidates = new ArrayList<>(kept);
        candidates.add(release);
        candidates.sort(Comparator.comparingLong(ServingModel::releaseVersion).reversed());
        List<ServingModel> keep = new ArrayList<>(used);
        for (ServingModel m : candidates) {
            if (keep.size() >= versionsKept) {
                break;
            }
            if (!keep.contains(m)) {
                keep.add(m);
            }
        }
        keep.sort(Comparator.comparingLong(ServingModel::releaseVersion));
        long[] s = new long[newStarts.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = newStarts.get(i);
        }
        return new RolloutPlan(name, s, newPhases.toArray(new RolloutPhase[0]), keep, release.releaseVersion());
    }

    private void checkRollback(ServingModel release) throws ReleaseRejectedException {
        if (!release.isRollback()) {
            return;
        }
        for (ServingModel m : kept) {
            if (m.version() == release.version() && !m.sameNetworkAs(release)) {
                throw new ReleaseRejectedException("rollback to version " + release.version() + " carries other weights"
                        + " or another architecture than version " + release.version() + " (release "
                        + m.releaseVersion() + "), which this scorer still keeps");
            }
        }
    }

    private static RolloutPhase applied(RolloutPhase phase, ServingModel release) throws ReleaseRejectedException {
        ServingModel beside = phase.serving();
        if (release.rollout().mode() != Rollout.Mode.FULL && beside != null
                && beside.eventSize() != release.eventSize()) {
            throw new ReleaseRejectedException("a " + release.rollout().mode() + " release must read as many values as"
                    + " the version it runs beside: it reads " + release.eventSize() + ", version "
                    + beside.version() + " reads " + beside.eventSize());
        }
        return phase.apply(release);
    }

    /** Appends a phase, or extends the previous one when they are equal. */
    private static void add(List<Long> starts, List<RolloutPhase> phases, long start, RolloutPhase phase) {
        if (!phases.isEmpty() && phases.get(phases.size() - 1).sameAs(phase)) {
            return;
        }
        starts.add(start);
        phases.add(phase);
    }

    private static Set<ServingModel> modelsOf(List<RolloutPhase> phases) {
        Set<ServingModel> out = new LinkedHashSet<>();
        for (RolloutPhase p : phases) {
            out.addAll(p.models());
        }
        return out;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("RolloutPlan[").append(name).append(", release ").append(latestRelease);
        for (int i = 0; i < phases.length; i++) {
            sb.append(", ").append(starts[i] == Long.MIN_VALUE ? "always" : "from " + starts[i]).append(": ").append(phases[i]);
        }
        return sb.append("]").toString();
    }
}
