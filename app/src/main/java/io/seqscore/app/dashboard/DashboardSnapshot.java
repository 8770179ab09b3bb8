package io.seqscore.app.dashboard;

import io.seqscore.app.evidence.ModelRole;
import io.seqscore.app.model.RolloutView;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the page receives, as JSON: the board's points added since the reader's last sequence number
 * ({@code full}: every point the board holds), the keys ranked by their recent anomaly score, the tiles,
 * the models (the registry's {@link RolloutView}) and what the demo has been doing.
 *
 * @param seq    the highest sequence number included; ask for points after it next time
 * @param points per key, the new points as rows {@code [seq, time, observed, forecast, lower, upper, score,
 *               anomaly, version, status]} (see {@link ScorePoint})
 * @param stage  one line on what is happening now (set by the demo, its countdowns as of {@code now}), or null
 * @param rollout the arms' evidence over time and the releases, or null (a board without a registry)
 */
public record DashboardSnapshot(long seq, boolean full, long now, String stage, Tiles tiles, List<KeyRow> keys,
                                Map<String, List<Object[]>> points, RolloutView models, List<Note> notes,
                                Rollout rollout) {

    /** This snapshot with {@code rollout}. */
    public DashboardSnapshot withRollout(Rollout rollout) {
        return new DashboardSnapshot(seq, full, now, stage, tiles, keys, points, models, notes, rollout);
    }

    /**
     * The "Rollout evidence" panel: every arm's windows ({@link ArmWindows}) and the releases taken up
     * ({@link ReleaseLog}).
     *
     * @param windowMs the length of a window (readings are at least this far apart)
     * @param reading  the latest reading included; windows of a full snapshot are all those kept, of a
     *                 later one the few latest (the page keeps the windows it has, by their {@code n})
     */
    public record Rollout(long windowMs, long reading, List<ArmSeries> arms, List<ReleaseMark> releases) {
    }

    /**
     * One arm: a model version in a role ({@code serving}, {@code canary}, {@code shadow}).
     *
     * @param windows rows {@code [n, from, to, scored, forecasts, flags, mae, flagRate, meanScore]}
     *                ({@link ArmWindows.Window})
     */
    public record ArmSeries(String model, long version, String role, List<Object[]> windows) {
        static final Comparator<ArmSeries> ORDER = Comparator.comparing(ArmSeries::model)
                .thenComparingLong(ArmSeries::version)
                .thenComparing(a -> ModelRole.valueOf(a.role().toUpperCase(Locale.ROOT)));
    }

    /**
     * A release taken up by the registry.
     *
     * @param version the version it serves (for a promotion or roll-back, the version it restores)
     * @param kind    canary, shadow, full, promote or rollback ({@link ReleaseLog})
     * @param at      its creation time (ms)
     */
    public record ReleaseMark(String model, long release, long version, String kind, long at) {
    }

    /**
     * The tiles.
     *
     * @param eventsPerSecond scores read per second over the last few seconds
     * @param latencyP50Ms    median time from an event's production to its score being readable (read
     *                        committed), over the recent scores; null before the first
     * @param latencyP99Ms    its 99th percentile
     */
    public record Tiles(double eventsPerSecond, Long latencyP50Ms, Long latencyP99Ms, long scored, long flagged,
                        int keys) {
    }

    /**
     * One row of the key list.
     *
     * @param recentScore the highest anomaly score among the key's recent points (0 when none has one)
     * @param recentFlags flagged events among them
     * @param flags       flagged events since the board started
     * @param version     the model version of the key's latest score, or null
     */
    public record KeyRow(String key, double recentScore, int recentFlags, long flags, Long version, String status,
                         long lastTime) {
    }

    /** Something that happened (a model published, promoted...), at wall-clock time {@code at}. */
    public record Note(long at, String text) {
    }
}
