package io.seqscore.app.model;

/**
 * A release's rollout directive. This scorer serves FULL releases on arrival; the canary and shadow
 * modes, event-time activation and rollback are the rollout's business (see {@link ModelRegistry}).
 *
 * @param activateAt event time (ms) from which the release applies, or null for on arrival
 * @param rollbackTo the earlier version the release restores, or null
 */
public record Rollout(Mode mode, double canaryPercent, Long activateAt, Long rollbackTo) {
    public enum Mode { FULL, CANARY, SHADOW }

    public static final Rollout FULL_ON_ARRIVAL = new Rollout(Mode.FULL, 0.0, null, null);
}
