package io.seqscore.app.dashboard;

import io.seqscore.app.model.RolloutView;

import java.util.List;
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
 */
public record DashboardSnapshot(long seq, boolean full, long now, String stage, Tiles tiles, List<KeyRow> keys,
                                Map<String, List<Object[]>> points, RolloutView models, List<Note> notes) {

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
