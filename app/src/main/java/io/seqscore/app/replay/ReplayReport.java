package io.seqscore.app.replay;

import java.time.Instant;

/**
 * What a replay did: what it scored with (a release, or the recorded history), where its scores went, how many events its application scored, the summary of its Scores in
 * [from, to), and the comparison with the served Scores of the same span (null when not asked).
 */
public record ReplayReport(String applicationId, String scoresTopic, String scoredWith, long from, long to,
                           long scored, SpanSummary span, ScoreComparison comparison) {
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append("replay ").append(applicationId).append(": ").append(scoredWith).append(", ").append(scored).append(" events scored into ").append(scoresTopic).append('\n');
        sb.append("span ").append(Instant.ofEpochMilli(from)).append(" to ").append(Instant.ofEpochMilli(to))
                .append(": ").append(span).append('\n');
        if (comparison != null) {
            sb.append("against the served scores: ").append(comparison).append('\n');
        }
        return sb.toString();
    }
}
