package io.seqscore.app.pipeline;

import io.seqscore.app.config.SeqscoreConfig;
import org.apache.kafka.clients.admin.NewTopic;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The names of the scorer's six topics. {@link #newTopics(int)} is how a pipeline makes them: events and
 * scores with the given partitions, the others with one, the models topic compacted; {@link #settings()}
 * points a scorer at them.
 */
public record ScorerTopics(String events, String scores, String anomalies, String dlq, String models,
                           String shadowScores) {
    /** {@code prefix} + events, scores, anomalies, dlq, models, shadow-scores. */
    public static ScorerTopics prefixed(String prefix) {
        return new ScorerTopics(prefix + "events", prefix + "scores", prefix + "anomalies", prefix + "dlq",
                prefix + "models", prefix + "shadow-scores");
    }

    /** These topics with the dead-letter topic named {@code name}. */
    public ScorerTopics withDlq(String name) {
        return new ScorerTopics(events, scores, anomalies, name, models, shadowScores);
    }

    public List<NewTopic> newTopics(int partitions) {
        return List.of(topic(events, partitions), topic(scores, partitions), topic(anomalies, 1), topic(dlq, 1),
                topic(shadowScores, 1), topic(models, 1).configs(Map.of("cleanup.policy", "compact")));
    }

    private static NewTopic topic(String name, int partitions) {
        return new NewTopic(name, Optional.of(partitions), Optional.empty());
    }

    /** The scorer's topic settings ({@code seqscore.*.topic}) for these names. */
    public Map<String, Object> settings() {
        Map<String, Object> p = new HashMap<>();
        p.put(SeqscoreConfig.EVENTS_TOPIC_CONFIG, events);
        p.put(SeqscoreConfig.SCORES_TOPIC_CONFIG, scores);
        p.put(SeqscoreConfig.ANOMALIES_TOPIC_CONFIG, anomalies);
        p.put(SeqscoreConfig.DLQ_TOPIC_CONFIG, dlq);
        p.put(SeqscoreConfig.MODELS_TOPIC_CONFIG, models);
        p.put(SeqscoreConfig.SHADOW_SCORES_TOPIC_CONFIG, shadowScores);
        return p;
    }
}
