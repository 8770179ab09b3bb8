package io.seqscore.app.demo;

import io.seqscore.app.model.CanarySplit;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.RolloutDirective;
import io.seqscore.avro.RolloutMode;
import io.seqscore.trainer.release.Rollout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

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

    /** The keys of {@code keys} a canary of {@code percent} serves: the scorer's stable split ({@link CanarySplit}). */
    static List<String> canaryKeys(List<String> keys, double percent) {
        int below = CanarySplit.buckets(percent);
        return keys.stream().filter(k -> CanarySplit.bucket(k.getBytes(StandardCharsets.UTF_8)) < below).toList();
    }

    /**
     * This timeline fitted to a source of {@code keys} whose live part lasts {@code live} (null: without
     * end), each change said through {@code say}:
     * <ul>
     *   <li>when the canary and the promotion would come after the live part has ended, each comes after a
     *       third of it, so that the whole rollout shows on the stream;</li>
     *   <li>when the canary's share serves none of the keys (a stream of one or a few keys), it becomes the
     *       smallest share that serves one, so that the canary shows on the stream.</li>
     * </ul>
     */
    DemoTimeline fitted(List<String> keys, Duration live, Consumer<String> say) {
        Duration canary = canaryAfter;
        Duration promote = promoteAfter;
        if (live != null && canaryAfter.plus(promoteAfter).compareTo(live) >= 0) {
            Duration third = Duration.ofSeconds(Math.max(1, live.toSeconds() / 3));
            canary = third;
            promote = third;
            say.accept(String.format(Locale.ROOT, "The live part of the stream lasts %d s: v2 comes as a canary after"
                    + " %d s and is promoted %d s later (instead of after %d s and %d s), so that the rollout fits in it",
                    live.toSeconds(), canary.toSeconds(), promote.toSeconds(), canaryAfter.toSeconds(),
                    promoteAfter.toSeconds()));
        }
        double share = canaryPercent;
        if (!keys.isEmpty() && canaryKeys(keys, share).isEmpty()) {
            int lowest = keys.stream().mapToInt(k -> CanarySplit.bucket(k.getBytes(StandardCharsets.UTF_8))).min()
                    .orElseThrow();
            double covering = Math.ceil((lowest + 1) * 100.0 / CanarySplit.BUCKETS);
            if (covering < 100) {
                share = covering;
                say.accept(String.format(Locale.ROOT, "A canary on %s%% of the keys would serve none of the %s: it"
                        + " serves %s%% instead, which takes %s", percent(canaryPercent), keyCount(keys.size()),
                        percent(share), String.join(", ", canaryKeys(keys, share))));
            } else {
                say.accept(String.format(Locale.ROOT, "A canary serves none of the %s below 100%% of the keys: they see"
                        + " v2 at the promotion", keyCount(keys.size())));
            }
        }
        return new DemoTimeline(canary, promote, share);
    }

    private static String keyCount(int n) {
        return n + (n == 1 ? " key" : " keys");
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
