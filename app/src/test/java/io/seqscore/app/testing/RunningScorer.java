package io.seqscore.app.testing;

import io.seqscore.app.config.SeqscoreConfig;
import io.seqscore.app.model.ModelRegistry;
import io.seqscore.app.model.ReleaseVerifier;
import io.seqscore.app.scoring.ScoringCounters;
import io.seqscore.app.topology.ScorerTopology;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;

import java.time.Duration;
import java.util.Map;

/** The scorer topology running in a real {@link KafkaStreams} instance, for integration tests. */
public final class RunningScorer implements AutoCloseable {
    private final KafkaStreams streams;
    private final ModelRegistry registry = new ModelRegistry();
    private final ScoringCounters counters = new ScoringCounters();

    private RunningScorer(SeqscoreConfig config) {
        streams = new KafkaStreams(ScorerTopology.buildTopology(config, registry, counters,
                ReleaseVerifier.ACCEPT_UNSIGNED), config.streamsProperties());
    }

    /**
     * Starts an instance and waits until it runs (its global models store restored). Without a detector setting,
     * the calibrated detector, whose values the integration tests compare with their reference forecaster.
     */
    public static RunningScorer start(Map<String, Object> properties) {
        Map<String, Object> props = new java.util.HashMap<>(properties);
        props.putIfAbsent(SeqscoreConfig.ANOMALY_DETECTOR_CONFIG, "calibrated");
        RunningScorer scorer = new RunningScorer(new SeqscoreConfig(props));
        scorer.streams.start();
        Await.until(Duration.ofSeconds(60), "the scorer runs",
                () -> scorer.streams.state() == KafkaStreams.State.RUNNING);
        return scorer;
    }

    public ModelRegistry registry() {
        return registry;
    }

    public ScoringCounters counters() {
        return counters;
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** Closes gracefully (committing) and leaves the group, so that a restart need not wait for a session time-out. */
    @Override
    public void close() {
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
    }
}
