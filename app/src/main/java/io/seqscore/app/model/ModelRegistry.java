package io.seqscore.app.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The models being served, by name: fed by the models topic's global store, read by every stream
 * thread. Each name has a {@link RolloutPlan} — which versions serve, canary and shadow which keys, from
 * which event time — that a newer release replaces atomically (a reader sees the old plan or the new
 * one, never a mix). The same release version again is ignored (restores replay releases); an older one
 * is rejected, as is a release the plan cannot apply, and the plan stays. Rejections are kept (the most
 * recent {@link #MAX_REJECTIONS}) with their reasons. Thread-safe; {@link #plan(String)} is a lock-free
 * map read.
 */
public final class ModelRegistry {
    public static final int MAX_REJECTIONS = 64;
    /** Versions kept per model name unless the caller says otherwise. */
    public static final int DEFAULT_VERSIONS_KEPT = 4;

    /** What {@link #offer} did with a model: taken up (a new plan), a repeat, or rejected. */
    public enum Outcome { SERVING, ALREADY_SERVING, REJECTED }

    /** An {@link Outcome} and, when rejected, why. */
    public record Decision(Outcome outcome, String reason) {
    }

    private final ConcurrentHashMap<String, RolloutPlan> plans = new ConcurrentHashMap<>();
    private final Deque<RejectedRelease> rejections = new ArrayDeque<>();
    private final LongAdder swaps = new LongAdder();
    private final LongAdder rejected = new LongAdder();

    /** The plan of a model name, or null when no release of it is served. */
    public RolloutPlan plan(String name) {
        return plans.get(name);
    }

    /** Every model's plan by name (a snapshot). */
    public Map<String, RolloutPlan> plans() {
        return new TreeMap<>(plans);
    }

    /** The version serving {@code name} for events of the present (wall clock), or null. */
    public ServingModel serving(String name) {
        return servingAt(name, System.currentTimeMillis());
    }

    /** The version serving {@code name} (outside any canary) for events of this time, or null. */
    public ServingModel servingAt(String name, long eventTime) {
        RolloutPlan plan = plans.get(name);
        return plan == null ? null : plan.phaseAt(eventTime).serving();
    }

    /** Whether {@code version} serves {@code name} for events of the present. */
    public boolean isServing(String name, long version) {
        ServingModel m = serving(name);
        return m != null && m.version() == version;
    }

    /** Whether the latest release taken up for {@code name} is {@code releaseVersion}. */
    public boolean hasRelease(String name, long releaseVersion) {
        RolloutPlan plan = plans.get(name);
        return plan != null && plan.latestRelease() == releaseVersion;
    }

    /** The version serving each model name for events of the present (a snapshot; names with none left out). */
    public Map<String, ServingModel> servingModels() {
        long now = System.currentTimeMillis();
        Map<String, ServingModel> out = new TreeMap<>();
        plans.forEach((name, plan) -> {
            ServingModel m = plan.phaseAt(now).serving();
            if (m != null) {
                out.put(name, m);
            }
        });
        return out;
    }

    /** {@link #offer(ServingModel, long, int)} keeping {@link #DEFAULT_VERSIONS_KEPT} versions. */
    public Decision offer(ServingModel model, long now) {
        return offer(model, now, DEFAULT_VERSIONS_KEPT);
    }

    /**
     * Offers a decoded release: a release newer than the model's latest changes its plan as its rollout
     * directive says ({@link RolloutPlan}).
     *
     * @param now          wall-clock time, recorded with a rejection
     * @param versionsKept at most this many versions of the model are kept (≥ 1)
     */
    public Decision offer(ServingModel model, long now, int versionsKept) {
        if (versionsKept < 1) {
            throw new IllegalArgumentException("versions kept must be >= 1, got " + versionsKept);
        }
        Outcome[] outcome = new Outcome[1];
        String[] reason = new String[1];
        plans.compute(model.name(), (name, current) -> {
            RolloutPlan plan = current == null ? RolloutPlan.empty(name) : current;
            if (model.releaseVersion() == plan.latestRelease()) {
                outcome[0] = Outcome.ALREADY_SERVING;
                return current;
            }
            if (model.releaseVersion() < plan.latestRelease()) {
                outcome[0] = Outcome.REJECTED;
                reason[0] = "version " + model.releaseVersion() + " is older than the latest release, version "
                        + plan.latestRelease();
                return current;
            }
            try {
                RolloutPlan next = plan.with(model, versionsKept);
                outcome[0] = Outcome.SERVING;
                return next;
            } catch (ReleaseRejectedException e) {
                outcome[0] = Outcome.REJECTED;
                reason[0] = e.getMessage();
                return current;
            }
        });
        if (outcome[0] == Outcome.SERVING) {
            swaps.increment();
        } else if (outcome[0] == Outcome.REJECTED) {
            reject(model.name(), model.releaseVersion(), reason[0], now);
        }
        return new Decision(outcome[0], reason[0]);
    }

    /**
     * Puts back a plan saved earlier (a restart), unless the registry already has this release or a
     * later one of the model.
     *
     * @return whether the plan was installed
     */
    public boolean restore(RolloutPlan plan) {
        boolean[] installed = new boolean[1];
        plans.compute(plan.name(), (name, current) -> {
            if (current != null && current.latestRelease() >= plan.latestRelease()) {
                return current;
            }
            installed[0] = true;
            return plan;
        });
        return installed[0];
    }

    /** Records a release that could not be served. */
    public void reject(String name, long version, String reason, long now) {
        rejected.increment();
        synchronized (rejections) {
            if (rejections.size() == MAX_REJECTIONS) {
                rejections.removeFirst();
            }
            rejections.addLast(new RejectedRelease(name, version, reason, now));
        }
    }

    /** Stops serving a model (a tombstone on the models topic); its keys then score as NO_MODEL. */
    public boolean retire(String name) {
        return plans.remove(name) != null;
    }

    /** Recent rejections, oldest first. */
    public List<RejectedRelease> rejections() {
        synchronized (rejections) {
            return List.copyOf(new ArrayList<>(rejections));
        }
    }

    /** Releases taken up so far (first arrivals, swaps, canaries, shadows, rollbacks). */
    public long swapCount() {
        return swaps.sum();
    }

    public long rejectedCount() {
        return rejected.sum();
    }
}
