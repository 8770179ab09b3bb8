package io.seqscore.app.topics;

import io.seqscore.app.config.SeqscoreConfig;

import java.util.List;
import java.util.Optional;

/** The topics a scorer configuration names, as they are created: the models topic compacted, with one partition. */
public final class ScorerTopicList {
    private ScorerTopicList() {
    }

    public static List<TopicSpec> of(SeqscoreConfig config) {
        Optional<Integer> partitions = Optional.of(config.topicSettings().partitions());
        return List.of(
                new TopicSpec(config.eventsTopic(), partitions, false),
                new TopicSpec(config.scoresTopic(), partitions, false),
                new TopicSpec(config.anomaliesTopic(), partitions, false),
                new TopicSpec(config.dlqTopic(), partitions, false),
                new TopicSpec(config.shadowScoresTopic(), partitions, false),
                new TopicSpec(config.modelsTopic(), Optional.of(1), true));
    }
}
