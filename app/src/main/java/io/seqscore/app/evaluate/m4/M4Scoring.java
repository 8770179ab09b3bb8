package io.seqscore.app.evaluate.m4;

import io.seqscore.app.config.SeqscoreConfig;
import io.seqscore.app.kafka.EmbeddedKafka;
import io.seqscore.app.model.ReleaseVerifier;
import io.seqscore.app.service.ScorerService;
import io.seqscore.app.service.ServiceSettings;
import io.seqscore.avro.Event;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.Score;
import io.seqscore.serde.AvroDeserializer;
import io.seqscore.serde.AvroSerializer;
import io.seqscore.serde.MockSchemaRegistry;
import io.seqscore.trainer.kafka.KafkaSettings;
import io.seqscore.trainer.kafka.ModelsTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The real pipeline for a batch of series: a broker in this process with an in-memory registry, the release
 * published through the models topic, a {@link ScorerService} started on it, every value of every series
 * produced to the events topic (key = series id, one event per hour from {@link M4Model#EPOCH_MILLIS}), and
 * from the scores topic, for each series, the forecast the scorer emitted at the series' last event.
 */
final class M4Scoring {
    static final String EVENTS = "m4-events";
    static final String SCORES = "m4-scores";
    static final String MODELS = "m4-models";
    private static final int PARTITIONS = 2;
    /** The scores topic must keep growing; this long without a new score and the run fails. */
    private static final Duration STALL = Duration.ofMinutes(2);
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(60);

    private M4Scoring() {
    }

    /** The forecast (H values, raw units) emitted at each series' last value, by series id. */
    static Map<String, double[]> lastForecasts(List<M4Series> series, ModelRelease release) {
        String scope = "seqscore-m4-" + Long.toHexString(System.nanoTime());
        Path stateDir = tempDir();
        try (M4Logging.Levels quiet = M4Logging.quietKafka(); EmbeddedKafka broker = EmbeddedKafka.start()) {
            broker.createTopic(EVENTS, PARTITIONS, Map.of());
            broker.createTopic(SCORES, PARTITIONS, Map.of());
            broker.createTopic("m4-anomalies", 1, Map.of());
            broker.createTopic("m4-dlq", 1, Map.of());
            broker.createTopic("m4-shadow-scores", 1, Map.of());
            broker.createTopic(MODELS, 1, Map.of("cleanup.policy", "compact"));
            String registry = MockSchemaRegistry.URL_PREFIX + scope;
            new ModelsTopic(new KafkaSettings(broker.bootstrapServers(), registry, Map.of(), PUBLISH_TIMEOUT), MODELS)
                    .publish(release);
            try (ScorerService scorer = ScorerService.create(scorerConfig(broker.bootstrapServers(), registry, stateDir,
                    release.getName()), ReleaseVerifier.ACCEPT_UNSIGNED)) {
                scorer.start();
                produce(broker.bootstrapServers(), registry, series);
                return collect(broker.bootstrapServers(), registry, series, release.getArchitecture().getHorizon()
                        * release.getArchitecture().getOutputDim());
            }
        } finally {
            MockSchemaRegistry.dropScope(scope);
            deleteTree(stateDir);
        }
    }

    private static SeqscoreConfig scorerConfig(String bootstrap, String registry, Path stateDir, String model) {
        Map<String, Object> p = new HashMap<>();
        p.put("bootstrap.servers", bootstrap);
        p.put("schema.registry.url", registry);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "seqscore-m4");
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "200");
        p.put(SeqscoreConfig.EVENTS_TOPIC_CONFIG, EVENTS);
        p.put(SeqscoreConfig.SCORES_TOPIC_CONFIG, SCORES);
        p.put(SeqscoreConfig.ANOMALIES_TOPIC_CONFIG, "m4-anomalies");
        p.put(SeqscoreConfig.DLQ_TOPIC_CONFIG, "m4-dlq");
        p.put(SeqscoreConfig.SHADOW_SCORES_TOPIC_CONFIG, "m4-shadow-scores");
        p.put(SeqscoreConfig.MODELS_TOPIC_CONFIG, MODELS);
        p.put(SeqscoreConfig.MODEL_NAME_CONFIG, model);
        p.put(SeqscoreConfig.GAP_RESET_MS_CONFIG, "0");
        p.put(ServiceSettings.HTTP_ADDRESS_CONFIG, "127.0.0.1");
        p.put(ServiceSettings.HTTP_PORT_CONFIG, "0");
        p.put(ServiceSettings.SHUTDOWN_TIMEOUT_MS_CONFIG, "10000");
        return new SeqscoreConfig(p);
    }

    private static void produce(String bootstrap, String registry, List<M4Series> series) {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrap);
        props.put("schema.registry.url", registry);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "seqscore-m4-events");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        AvroSerializer<Event> values = new AvroSerializer<>();
        values.configure(props, false);
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<String, Event> producer = new KafkaProducer<>(props, new StringSerializer(), values)) {
            for (M4Series s : series) {
                double[] v = s.values();
                for (int i = 0; i < v.length; i++) {
                    Event e = Event.newBuilder().setEventTime(Instant.ofEpochMilli(M4Model.time(i)))
                            .setValues(List.of(v[i])).setAttributes(null).build();
                    producer.send(new ProducerRecord<>(EVENTS, s.id(), e), (meta, error) -> {
                        if (error != null) {
                            failure.compareAndSet(null, error);
                        }
                    });
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new KafkaException("could not produce to " + EVENTS + ": " + failure.get().getMessage(), failure.get());
        }
    }

    private static Map<String, double[]> collect(String bootstrap, String registry, List<M4Series> series, int size) {
        Map<String, Long> lastTime = new HashMap<>();
        for (M4Series s : series) {
            lastTime.put(s.id(), M4Model.time(s.length() - 1));
        }
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrap);
        props.put("schema.registry.url", registry);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        Deserializer<Score> scores = AvroDeserializer.forClass(Score.class);
        scores.configure(props, false);
        Map<String, double[]> out = new HashMap<>();
        try (KafkaConsumer<String, Score> consumer = new KafkaConsumer<>(props, new StringDeserializer(), scores)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo p : consumer.partitionsFor(SCORES)) {
                partitions.add(new TopicPartition(SCORES, p.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long lastProgress = System.nanoTime();
            while (out.size() < lastTime.size()) {
                boolean any = false;
                for (ConsumerRecord<String, Score> r : consumer.poll(Duration.ofMillis(200))) {
                    any = true;
                    Long last = lastTime.get(r.key());
                    if (last != null && r.value().getEventTime().toEpochMilli() == last) {
                        out.put(r.key(), forecast(r.key(), r.value(), size));
                    }
                }
                if (any) {
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > STALL.toNanos()) {
                    throw new IllegalStateException("the scorer emitted no score for " + STALL.toSeconds()
                            + " s; forecasts for " + out.size() + " of " + lastTime.size() + " series");
                }
            }
        }
        return out;
    }

    private static double[] forecast(String key, Score score, int size) {
        List<Double> f = score.getForecast();
        if (f.size() != size) {
            throw new IllegalStateException("the score of series " + key + "'s last value has " + f.size()
                    + " forecast values (status " + score.getStatus() + "), expected " + size);
        }
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = f.get(i);
        }
        return out;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("seqscore-m4-state-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the scorer's state", e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
