package io.seqscore.app.testing;

import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.RolloutDirective;
import io.seqscore.avro.RolloutMode;

import java.time.Instant;

/** Rollout directives for test releases (each returns a copy of the release with the directive set). */
public final class Rollouts {
    private Rollouts() {
    }

    public static ModelRelease full(ModelRelease release, Long activateAt) {
        return with(release, RolloutMode.FULL, 0.0, activateAt, null);
    }

    public static ModelRelease canary(ModelRelease release, double percent, Long activateAt) {
        return with(release, RolloutMode.CANARY, percent, activateAt, null);
    }

    public static ModelRelease shadow(ModelRelease release, Long activateAt) {
        return with(release, RolloutMode.SHADOW, 0.0, activateAt, null);
    }

    /** A FULL release that restores version {@code to} (it must carry that version's weights). */
    public static ModelRelease rollback(ModelRelease release, long to) {
        return with(release, RolloutMode.FULL, 0.0, null, to);
    }

    public static ModelRelease with(ModelRelease release, RolloutMode mode, double percent, Long activateAt,
                                    Long rollbackTo) {
        return ModelRelease.newBuilder(release).setRollout(RolloutDirective.newBuilder().setMode(mode)
                .setCanaryPercent(percent).setActivateAt(activateAt == null ? null : Instant.ofEpochMilli(activateAt))
                .setRollbackTo(rollbackTo).build()).build();
    }
}
