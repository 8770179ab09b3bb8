package io.seqscore.app.model;

import java.util.ArrayList;
import java.util.List;

/**
 * What serves a model's keys during one span of event time: the serving version, optionally a canary
 * candidate for a share of the keys ({@link CanarySplit}) and a shadow candidate that runs beside them
 * on every key. Each may be null (nothing serves: NO_MODEL). Immutable.
 */
public final class RolloutPhase {
    /** Nothing serves. */
    public static final RolloutPhase EMPTY = new RolloutPhase(null, null, 0.0, null);

    private final ServingModel serving;
    private final ServingModel canary;
    private final double canaryPercent;
    private final int canaryBuckets;
    private final ServingModel shadow;

    public RolloutPhase(ServingModel serving, ServingModel canary, double canaryPercent, ServingModel shadow) {
        if (!(canaryPercent >= 0 && canaryPercent <= 100)) {
            throw new IllegalArgumentException("canary percent must be in [0, 100], got " + canaryPercent);
        }
        this.serving = serving;
        this.canary = canary;
        this.canaryPercent = canary == null ? 0.0 : canaryPercent;
        this.canaryBuckets = canary == null ? 0 : CanarySplit.buckets(canaryPercent);
        this.shadow = shadow;
    }

    /** The version serving the keys outside the canary, or null. */
    public ServingModel serving() {
        return serving;
    }

    /** The canary candidate, or null. */
    public ServingModel canary() {
        return canary;
    }

    public double canaryPercent() {
        return canaryPercent;
    }

    /** The shadow candidate, or null. */
    public ServingModel shadow() {
        return shadow;
    }

    /** The model that scores a key of this {@link CanarySplit#bucket bucket}: the canary's when it takes the bucket. */
    public ServingModel modelFor(int bucket) {
        return bucket < canaryBuckets ? canary : serving;
    }

    /** Whether keys are split at all (so that their bucket is worth computing). */
    public boolean hasCanary() {
        return canaryBuckets > 0;
    }

    /**
     * This phase after a release: FULL makes it the only version (ending any canary or shadow); CANARY
     * replaces the canary candidate; SHADOW replaces the shadow candidate.
     */
    RolloutPhase apply(ServingModel release) {
        Rollout r = release.rollout();
        return switch (r.mode()) {
            case FULL -> new RolloutPhase(release, null, 0.0, null);
            case CANARY -> new RolloutPhase(serving, release, r.canaryPercent(), shadow);
            case SHADOW -> new RolloutPhase(serving, canary, canaryPercent, release);
        };
    }

    /** The distinct models of this phase (serving, canary, shadow; at most three). */
    List<ServingModel> models() {
        List<ServingModel> out = new ArrayList<>(3);
        for (ServingModel m : new ServingModel[] {serving, canary, shadow}) {
            if (m != null && !out.contains(m)) {
                out.add(m);
            }
        }
        return out;
    }

    /** Same models (by identity) and the same canary share. */
    boolean sameAs(RolloutPhase o) {
        return serving == o.serving && canary == o.canary && shadow == o.shadow && canaryBuckets == o.canaryBuckets;
    }

    @Override
    public String toString() {
        return "RolloutPhase[serving=" + label(serving) + (canary == null ? "" : ", canary=" + label(canary) + " at "
                + canaryPercent + "%") + (shadow == null ? "" : ", shadow=" + label(shadow)) + "]";
    }

    private static String label(ServingModel m) {
        return m == null ? "none" : m.version() + (m.isRollback() ? " (release " + m.releaseVersion() + ")" : "");
    }
}
