package io.seqscore.trainer.release;

/**
 * The rollout directive of a release.
 *
 * @param canaryPercent  when not null, a CANARY release serving this percentage (0–100) of the keys
 * @param shadow         a SHADOW release (excludes canary)
 * @param activateAt     event time (epoch ms) from which the release applies, or null for on arrival
 */
public record Rollout(Double canaryPercent, boolean shadow, Long activateAt) {
    public static final Rollout FULL = new Rollout(null, false, null);

    public Rollout {
        if (canaryPercent != null && shadow) {
            throw new IllegalArgumentException("a release is either a canary or a shadow, not both");
        }
        if (canaryPercent != null && !(canaryPercent >= 0 && canaryPercent <= 100)) {
            throw new IllegalArgumentException("canary percentage must be in [0, 100], got " + canaryPercent);
        }
    }
}
