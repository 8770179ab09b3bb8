package io.seqscore.app.replay;

import io.seqscore.app.config.SeqscoreConfig;
import io.seqscore.app.model.ModelRegistry;
import io.seqscore.app.model.ReleaseVerifier;
import io.seqscore.app.scoring.ScoringCounters;
import io.seqscore.app.topology.ScorerTopology;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.RolloutDirective;
import io.seqscore.avro.RolloutMode;
import io.seqscore.avro.Score;
import io.seqscore.serde.AvroSerializer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

/**
 * Scores the events topic again, in a Kafka Streams application of its own: the scorer's topology under the
 * scorer's configuration, except for a new {@code application.id}, a private state directory, and topics of its
 * own — scores, anomalies, shadow-scores and dead-letter topics named after {@code outTopic}, and, with a release,
 * a models topic holding only that release (FULL, from the start). Without a release it reads the scorer's models
 * topic as recorded (the release history: releases with an activation time apply from it, as they did when
 * served; releases without one apply from the start, as every release is read before the first event). It reads the events topic from
 * its start (so each key is warmed on its events before {@code from}) to the end it had when the replay started,
 * then stops and reports on the Scores of events in [from, to), compared with the served scores if asked. It
 * writes nothing to the serving application's topics and shares no state with it.
 */
public final class Replay {
    private static final Logger LOG = LoggerFactory.getLogger(Replay.class);

    /**
     * @param release       the release to score with, or null for the models topic's recorded history
     * @param applicationId the replay's application id (a fresh one per replay: an existing group would resume)
     * @param outTopic      the replay's scores topic (created; must not exist and must not be a serving topic)
     */
    public record Options(ModelRelease release, long from, long to, String applicationId, String outTopic,
                          boolean compare, Duration timeout) {
    }

    private final SeqscoreConfig config;
    private final Options options;

    public Replay(SeqscoreConfig config, Options options) {
        this.config = config;
        this.options = options;
        if (options.from() >= options.to()) {
            throw new ReplayException("--from must be before --to");
        }
        Set<String> serving = Set.of(config.eventsTopic(), config.scoresTopic(), config.anomaliesTopic(),
                config.shadowScoresTopic(), config.dlqTopic(), config.modelsTopic());
        for (String t : outputTopics()) {
            if (serving.contains(t)) {
                throw new ReplayException("the replay would write to " + t + ", a topic of the serving application");
            }
        }
        if (options.applicationId().equals(config.applicationId())) {
            throw new ReplayException("the replay needs an application id of its own, not the scorer's ("
                    + config.applicationId() + ")");
        }
    }

    private List<String> outputTopics() {
        String out = options.outTopic();
        List<String> topics = new ArrayList<>(List.of(out, out + "-anomalies", out + "-shadow-scores", out + "-dlq"));
        if (options.release() != null) {
            topics.add(modelsTopic());
        }
        return topics;
    }

    private String modelsTopic() {
        return options.release() == null ? config.modelsTopic() : options.outTopic() + "-models";
    }

    public ReplayReport run() {
        Map<String, Object> clients = config.serdeProperties();
        Path stateDir;
        try {
            stateDir = Files.createTempDirectory("seqscore-replay-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Admin admin = Admin.create(adminProps(clients))) {
            int partitions = partitionsOf(admin, config.eventsTopic());
            createTopics(admin, partitions);
            if (options.release() != null) {
                publishRelease(clients);
            }
            Map<TopicPartition, Long> end = endOffsets(admin);
            long scored = end.values().stream().mapToLong(Long::longValue).sum();
            SeqscoreConfig replayConfig = new SeqscoreConfig(replayProperties(stateDir));
            ScoringCounters counters = new ScoringCounters();
            KafkaStreams streams = new KafkaStreams(ScorerTopology.buildTopology(replayConfig, new ModelRegistry(),
                    counters, ReleaseVerifier.ACCEPT_UNSIGNED), replayConfig.streamsProperties());
            LOG.info("Replaying {} ({} records) with {} as application {} into {}", config.eventsTopic(), scored,
                    options.release() == null ? "the releases of " + modelsTopic() : options.release().getName()
                            + " version " + options.release().getVersion(), options.applicationId(), options.outTopic());
            try {
                streams.start();
                awaitCommitted(admin, streams, end);
            } finally {
                streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                        .withTimeout(Duration.ofSeconds(30)));
            }
            SpanSummary span = new SpanSummary();
            Map<String, Score> replayed = new HashMap<>();
            ScoreTopicReader.read(clients, options.outTopic(), options.from(), options.to(), options.timeout(),
                    (key, s) -> {
                        span.add(s);
                        replayed.put(key + "@" + s.getEventTime().toEpochMilli(), s);
                    });
            ScoreComparison comparison = options.compare() ? compare(clients, replayed) : null;
            String with = options.release() == null ? "the releases recorded on " + modelsTopic()
                    : options.release().getName() + " version " + options.release().getVersion();
            return new ReplayReport(options.applicationId(), options.outTopic(), with, options.from(), options.to(),
                    counters.scoredTotal(), span, comparison);
        } finally {
            deleteTree(stateDir);
        }
    }

    private ScoreComparison compare(Map<String, Object> clients, Map<String, Score> replayed) {
        ScoreComparison c = new ScoreComparison();
        Map<String, Score> left = new HashMap<>(replayed);
        ScoreTopicReader.read(clients, config.scoresTopic(), options.from(), options.to(), options.timeout(),
                (key, live) -> {
                    Score replay = left.remove(key + "@" + live.getEventTime().toEpochMilli());
                    if (replay == null) {
                        c.onlyServed();
                    } else {
                        c.pair(replay, live);
                    }
                });
        left.values().forEach(s -> c.onlyReplayed());
        return c;
    }

    private Map<String, Object> replayProperties(Path stateDir) {
        Map<String, Object> p = new HashMap<>(config.originals());
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, options.applicationId());
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "200");
        p.put("auto.offset.reset", "earliest");
        p.put(SeqscoreConfig.SCORES_TOPIC_CONFIG, options.outTopic());
        p.put(SeqscoreConfig.ANOMALIES_TOPIC_CONFIG, options.outTopic() + "-anomalies");
        p.put(SeqscoreConfig.SHADOW_SCORES_TOPIC_CONFIG, options.outTopic() + "-shadow-scores");
        p.put(SeqscoreConfig.DLQ_TOPIC_CONFIG, options.outTopic() + "-dlq");
        p.put(SeqscoreConfig.MODELS_TOPIC_CONFIG, modelsTopic());
        p.put(SeqscoreConfig.TRUSTED_KEYS_CONFIG, "");
        return p;
    }

    private static Map<String, Object> adminProps(Map<String, Object> clients) {
        Map<String, Object> p = new HashMap<>(clients);
        p.keySet().removeIf(k -> k.startsWith("schema.registry") || k.startsWith("value.") || k.startsWith("key."));
        return p;
    }

    private int partitionsOf(Admin admin, String topic) {
        try {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        } catch (ExecutionException e) {
            throw new ReplayException("cannot read the events topic " + topic + ": " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayException("interrupted", e);
        }
    }

    private void createTopics(Admin admin, int partitions) {
        List<NewTopic> topics = new ArrayList<>();
        for (String t : outputTopics()) {
            boolean models = t.equals(modelsTopic());
            NewTopic nt = new NewTopic(t, Optional.of(models ? 1 : partitions), Optional.empty());
            topics.add(models ? nt.configs(Map.of("cleanup.policy", "compact")) : nt);
        }
        try {
            admin.createTopics(topics).all().get();
        } catch (ExecutionException e) {
            throw new ReplayException("cannot create the replay's topics " + outputTopics() + " (choose another"
                    + " --out-topic): " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayException("interrupted", e);
        }
    }

    /** The release, FULL from the start of time, on the replay's own models topic. */
    private void publishRelease(Map<String, Object> clients) {
        ModelRelease release = ModelRelease.newBuilder(options.release())
                .setRollout(RolloutDirective.newBuilder().setMode(RolloutMode.FULL).setCanaryPercent(0.0)
                        .setActivateAt(null).setRollbackTo(null).build())
                .build();
        Map<String, Object> p = new HashMap<>(clients);
        p.put("acks", "all");
        AvroSerializer<ModelRelease> serializer = new AvroSerializer<>();
        serializer.configure(clients, false);
        try (KafkaProducer<String, ModelRelease> producer = new KafkaProducer<>(p, new StringSerializer(), serializer)) {
            producer.send(new ProducerRecord<>(modelsTopic(), release.getName(), release)).get();
        } catch (ExecutionException e) {
            throw new ReplayException("cannot publish the release to " + modelsTopic() + ": " + e.getCause().getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayException("interrupted", e);
        }
    }

    private Map<TopicPartition, Long> endOffsets(Admin admin) {
        Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new HashMap<>();
        int partitions = partitionsOf(admin, config.eventsTopic());
        for (int i = 0; i < partitions; i++) {
            latest.put(new TopicPartition(config.eventsTopic(), i), org.apache.kafka.clients.admin.OffsetSpec.latest());
        }
        try {
            Map<TopicPartition, Long> out = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> out.put(tp, info.offset()));
            return out;
        } catch (ExecutionException e) {
            throw new ReplayException("cannot read the end of " + config.eventsTopic() + ": " + e.getCause().getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayException("interrupted", e);
        }
    }

    /** Waits until the replay's group has committed every events partition up to {@code end}. */
    private void awaitCommitted(Admin admin, KafkaStreams streams, Map<TopicPartition, Long> end) {
        long deadline = System.nanoTime() + options.timeout().toNanos();
        while (true) {
            if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING) {
                throw new ReplayException("the replay application stopped (" + streams.state() + "); see the log");
            }
            if (committedUpTo(admin, end)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new ReplayException("the replay did not reach the end of " + config.eventsTopic() + " within "
                        + options.timeout());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ReplayException("interrupted", e);
            }
        }
    }

    private boolean committedUpTo(Admin admin, Map<TopicPartition, Long> end) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(options.applicationId())
                    .partitionsToOffsetAndMetadata().get();
            for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
                if (e.getValue() == 0) {
                    continue;
                }
                OffsetAndMetadata c = committed.get(e.getKey());
                if (c == null || c.offset() < e.getValue()) {
                    return false;
                }
            }
            return true;
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayException("interrupted", e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debug("Could not delete the replay's state directory {}: {}", dir, e.getMessage());
        }
    }
}
