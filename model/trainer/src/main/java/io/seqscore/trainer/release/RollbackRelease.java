package io.seqscore.trainer.release;

import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.RolloutDirective;
import io.seqscore.avro.RolloutMode;

import java.time.Instant;

/**
 * A rollback release: an earlier release's architecture, weights, normalizer, calibration and provenance
 * under a new, higher release version, FULL on arrival, with {@code rollout.rollbackTo} naming the version
 * those weights are (see {@link #restoredVersion}). A scorer serves it as that version and accepts it only
 * if the weights are those of the version it still keeps under that number. The result is unsigned: the
 * signature covers the canonical form, which the new version and rollout change.
 */
public final class RollbackRelease {
    private RollbackRelease() {
    }

    /** The version a rollback to {@code earlier} restores: its own, or the one it restored itself. */
    public static long restoredVersion(ModelRelease earlier) {
        Long restored = earlier.getRollout() == null ? null : earlier.getRollout().getRollbackTo();
        return restored != null ? restored : earlier.getVersion();
    }

    /**
     * @param version   the rollback release's own version, above {@link #restoredVersion}
     * @param createdAt when the rollback release is made (epoch ms)
     */
    public static ModelRelease of(ModelRelease earlier, long version, long createdAt) {
        long restored = restoredVersion(earlier);
        if (version <= restored) {
            throw new IllegalArgumentException("a rollback to version " + restored + " needs a higher release version, got "
                    + version);
        }
        return ModelRelease.newBuilder(earlier)
                .setVersion(version)
                .setCreatedAt(Instant.ofEpochMilli(createdAt))
                .setRollout(RolloutDirective.newBuilder()
                        .setMode(RolloutMode.FULL)
                        .setCanaryPercent(0.0)
                        .setActivateAt(null)
                        .setRollbackTo(restored)
                        .build())
                .setSignature(null)
                .build();
    }
}
