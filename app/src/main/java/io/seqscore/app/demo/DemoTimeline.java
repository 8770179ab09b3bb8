package io.seqscore.app.demo;

import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.RolloutDirective;
import io.seqscore.avro.RolloutMode;
import io.seqscore.trainer.release.Rollout;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The demo's model rollout after v1 (release 1, FULL) has served for a while:
 * <pre>
 *   live streaming ── canaryAfter ──► train v2 on everything so far, publish release 2 as a CANARY on
 *                                     canaryPercent % of the keys (the same keys always: a stable hash)
 *                  ── promoteAfter ─► publish release 3: FULL, rollbackTo 2 — version 2's weights for
 *                                     every key; scores keep naming version 2
 * </pre>
 * Promotion is a release of its own because a compacted models topic keeps only the latest release of a
 * name; carrying version 2 again (rather than a "version 3" with the same weights) keeps the keys that
 * were already on the canary on their state, and re-warms only the others.
 */
record DemoTimeline(Duration canaryAfter, Duration promoteAfter, double canaryPercent) {
    static final long V1 = 1;
    static final long V2 = 2;
    static final long PROMOTION = 3;

    DemoTimeline {
        Objects.requireNonNull(canaryAfter, "canaryAfter");
        Objects.requireNonNull(promoteAfter, "promoteAfter");
        if (canaryAfter.isNegative() || promoteAfter.isNegative()) {
            throw new IllegalArgumentException("the canary and promotion delays must be >= 0");
        }
        if (!(canaryPercent > 0 && canaryPercent < 100)) {
            throw new IllegalArgumentException("the canary percentage must be in (0, 100), got " + canaryPercent);
        }
    }

    /** What the timeline does, as it happens. */
    interface Actions {
        /** Trains release {@code version} on everything streamed so far, rolled out as {@code rollout}. */
        ModelRelease train(long version, Rollout rollout) throws InterruptedException;

        void publish(ModelRelease release, String what);
    }

    /** Waits; returns false when the demo is stopping. */
    @FunctionalInterface
    interface Pause {
        boolean pause(Duration d) throws InterruptedException;
    }

    Rollout v1Rollout() {
        return Rollout.FULL;
    }

    Rollout canaryRollout() {
        return new Rollout(canaryPercent, false, null);
    }

    /** Runs the rollout after v1: canary, then promotion; returns early when {@code pause} says the demo stops. */
    void run(Actions actions, Pause pause) throws InterruptedException {
        if (!pause.pause(canaryAfter)) {
            return;
        }
        ModelRelease v2 = actions.train(V2, canaryRollout());
        actions.publish(v2, String.format(java.util.Locale.ROOT, "v2 released as a canary on %s%% of the keys",
                percent(canaryPercent)));
        if (!pause.pause(promoteAfter)) {
            return;
        }
        actions.publish(promotion(v2, PROMOTION, Instant.now()), "v2 promoted to every key (release 3)");
    }

    /**
     * The release that promotes {@code candidate} to every key: version {@code version}, FULL on arrival,
     * {@code rollbackTo} the candidate's version, with the candidate's architecture, weights, normalizer,
     * calibration and provenance; unsigned (sign it again if the scorer checks signatures).
     */
    static ModelRelease promotion(ModelRelease candidate, long version, Instant createdAt) {
        if (version <= candidate.getVersion()) {
            throw new IllegalArgumentException("the promotion must be newer than version " + candidate.getVersion());
        }
        RolloutDirective full = RolloutDirective.newBuilder().setMode(RolloutMode.FULL).setCanaryPercent(0.0)
                .setActivateAt(null).setRollbackTo(candidate.getVersion()).build();
        return ModelRelease.newBuilder(candidate).setVersion(version).setCreatedAt(createdAt).setRollout(full)
                .setSignature(null).build();
    }

    static String percent(double p) {
        return p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
    }
}
