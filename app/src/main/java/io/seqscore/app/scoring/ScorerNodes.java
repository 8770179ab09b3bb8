package io.seqscore.app.scoring;

import io.seqscore.model.core.Require;

/**
 * The names of the stores and sinks a {@link ScoringProcessor} uses in its topology.
 *
 * @param stateStore  per-key state (series id → KeyStateCodec bytes)
 * @param shadowStore per-key state of running shadows, in the same encoding
 * @param scoresSink  Scores
 * @param anomaliesSink flagged Scores
 * @param shadowSink  ShadowScores
 * @param dlqSink     dead letters
 * @param commitEpochStore the {@link CommitEpochStore} of the {@link ReplayGuard} (at-least-once), or null for none
 */
public record ScorerNodes(String stateStore, String shadowStore, String scoresSink, String anomaliesSink,
                          String shadowSink, String dlqSink, String commitEpochStore) {
    /** Nodes without a replay guard (exactly-once). */
    public ScorerNodes(String stateStore, String shadowStore, String scoresSink, String anomaliesSink, String shadowSink,
                       String dlqSink) {
        this(stateStore, shadowStore, scoresSink, anomaliesSink, shadowSink, dlqSink, null);
    }

    public ScorerNodes {
        Require.nonNull("stateStore shadowStore scoresSink anomaliesSink shadowSink dlqSink",
                stateStore, shadowStore, scoresSink, anomaliesSink, shadowSink, dlqSink);
    }
}
