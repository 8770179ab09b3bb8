package io.seqscore.app.topics;

import org.apache.kafka.clients.admin.NewTopic;

import java.util.Map;
import java.util.Optional;

/**
 * A topic the scorer reads or writes, as it would be created.
 *
 * @param partitions the partition count, or empty for the broker's default
 * @param compacted  whether its cleanup policy is compact (the models topic)
 */
public record TopicSpec(String name, Optional<Integer> partitions, boolean compacted) {

    /** The topic as {@code Admin.createTopics} takes it, with {@code replicationFactor} (-1: the broker's default). */
    public NewTopic newTopic(short replicationFactor) {
        NewTopic topic = new NewTopic(name, partitions, Optional.of(replicationFactor));
        return compacted ? topic.configs(Map.of("cleanup.policy", "compact")) : topic;
    }
}
