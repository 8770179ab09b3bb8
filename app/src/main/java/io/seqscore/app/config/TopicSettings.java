package io.seqscore.app.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Whether {@code seqscore run} creates the topics it finds missing at start, and how: declared here and added
 * by {@link #define(ConfigDef)} to seqscore's one {@code ConfigDef}.
 *
 * @param create            create missing topics instead of exiting with their names
 * @param partitions        partitions of each created topic but the models topic (which has one)
 * @param replicationFactor replicas of each created topic; -1 for the broker's default.replication.factor
 */
public record TopicSettings(boolean create, int partitions, short replicationFactor) {
    public static final String CREATE_CONFIG = "seqscore.topics.create";
    public static final String CREATE_DOC = "At start the scorer checks that every topic it reads or writes exists"
            + " (events, scores, anomalies, dead letters, models, shadow scores, as named by the seqscore.*.topic"
            + " settings). When true, it creates the missing ones (the models topic compacted, with one partition);"
            + " when false it exits with one line naming them.";
    public static final String PARTITIONS_CONFIG = "seqscore.topics.partitions";
    public static final String PARTITIONS_DOC = "Partitions of each topic seqscore.topics.create creates, except the"
            + " models topic (one). The events topic's partition count bounds how many stream threads and instances"
            + " share the scoring.";
    public static final String REPLICATION_FACTOR_CONFIG = "seqscore.topics.replication.factor";
    public static final String REPLICATION_FACTOR_DOC = "Replicas of each topic seqscore.topics.create creates; -1"
            + " takes the broker's default.replication.factor.";

    /** Adds the topic settings to {@code def}; returns it. */
    public static ConfigDef define(ConfigDef def) {
        return def
                .define(CREATE_CONFIG, Type.BOOLEAN, false, Importance.MEDIUM, CREATE_DOC)
                .define(PARTITIONS_CONFIG, Type.INT, 1, Range.between(1, 10_000), Importance.MEDIUM, PARTITIONS_DOC)
                .define(REPLICATION_FACTOR_CONFIG, Type.SHORT, (short) -1, new ReplicationFactor(),
                        Importance.MEDIUM, REPLICATION_FACTOR_DOC);
    }

    private static final class ReplicationFactor implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            short n = (Short) value;
            if (n != -1 && n < 1) {
                throw new ConfigException(name, value, "must be -1 (the broker's default) or at least 1");
            }
        }

        @Override
        public String toString() {
            return "-1 or [1,...]";
        }
    }
}
