package io.seqscore.app.model;

/**
 * A release's rollout directive, as {@link RolloutPlan} applies it: FULL serves every key routed to the
 * model, CANARY the keys of {@code canaryPercent} of the hash buckets (the others stay on the serving
 * version), SHADOW runs beside the serving version on every key. From {@code activateAt} (event time)
 * on, or for every event processed after its arrival when null. A rollback ({@code rollbackTo} set)
 * carries the weights of that earlier version and serves them under its number.
 *
 * @param activateAt event time (ms) from which the release applies, or null for on arrival
 * @param rollbackTo the earlier version the release restores, or null
 */
public record Rollout(Mode mode, double canaryPercent, Long activateAt, Long rollbackTo) {
    public enum Mode { FULL, CANARY, SHADOW }

    public static final Rollout FULL_ON_ARRIVAL = new Rollout(Mode.FULL, 0.0, null, null);

    /** The event time from which the release applies: {@code activateAt}, or {@link Long#MIN_VALUE} (every event). */
    public long activeFrom() {
        return activateAt == null ? Long.MIN_VALUE : activateAt;
    }
}
