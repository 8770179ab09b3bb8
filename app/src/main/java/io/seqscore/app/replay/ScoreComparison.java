package io.seqscore.app.replay;

import io.seqscore.avro.Score;

import java.util.Locale;
import java.util.Objects;

/**
 * The replayed and the served Scores of the same events (same key and event time): both sides' summaries over
 * those events, the events only one side has, the flags only one side raised, and how many pairs are
 * identical (same status, version, residual, anomaly score and flag).
 */
public final class ScoreComparison {
    private final SpanSummary replayed = new SpanSummary();
    private final SpanSummary served = new SpanSummary();
    private long onlyReplayed;
    private long onlyServed;
    private long flaggedOnlyReplayed;
    private long flaggedOnlyServed;
    private long identical;

    void pair(Score replay, Score live) {
        replayed.add(replay);
        served.add(live);
        if (replay.getAnomaly() && !live.getAnomaly()) {
            flaggedOnlyReplayed++;
        } else if (live.getAnomaly() && !replay.getAnomaly()) {
            flaggedOnlyServed++;
        }
        if (replay.getStatus() == live.getStatus() && Objects.equals(replay.getModelVersion(), live.getModelVersion())
                && Objects.equals(replay.getResidual(), live.getResidual())
                && Objects.equals(replay.getAnomalyScore(), live.getAnomalyScore())
                && replay.getAnomaly() == live.getAnomaly()) {
            identical++;
        }
    }

    void onlyReplayed() {
        onlyReplayed++;
    }

    void onlyServed() {
        onlyServed++;
    }

    public SpanSummary replayed() {
        return replayed;
    }

    public SpanSummary served() {
        return served;
    }

    public long matched() {
        return replayed.events();
    }

    public long onlyReplayedCount() {
        return onlyReplayed;
    }

    public long onlyServedCount() {
        return onlyServed;
    }

    public long flaggedOnlyReplayed() {
        return flaggedOnlyReplayed;
    }

    public long flaggedOnlyServed() {
        return flaggedOnlyServed;
    }

    public long identical() {
        return identical;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d events on both sides (%d only replayed, %d only served), %d identical;%n"
                        + "  replayed: %s%n  served:   %s%n  flags only the replay raised: %d, only the served scores: %d",
                matched(), onlyReplayed, onlyServed, identical, replayed, served, flaggedOnlyReplayed, flaggedOnlyServed);
    }
}
