package io.seqscore.app.evaluate.nab;

import io.seqscore.app.config.SeqscoreConfig;
import io.seqscore.app.kafka.EmbeddedKafka;
import io.seqscore.app.model.ModelRegistry;
import io.seqscore.app.model.RejectedRelease;
import io.seqscore.app.model.ReleaseVerifier;
import io.seqscore.app.service.ScorerService;
import io.seqscore.app.service.ServiceSettings;
import io.seqscore.avro.Event;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.Score;
import io.seqscore.avro.ScoreStatus;
import io.seqscore.serde.AvroDeserializer;
import io.seqscore.serde.AvroSerializer;
import io.seqscore.serde.MockSchemaRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The scoring half of {@code evaluate nab}, through the real pipeline: a broker in this process with an in-memory
 * Schema Registry, the releases published to the models topic, the scorer ({@link ScorerService}, as
 * {@code seqscore run} starts it) with the range detector, gap reset off, late policy {@code score}, and releases
 * verified against the run's trusted key; then every row of every file produced to the events topic in file
 * order (key = the file's key; the event attribute {@value #MODEL_ATTRIBUTE} names its model, so routing costs
 * one map lookup per event however many files there are) and the scores topic read back until every row has its
 * score.
 */
final class NabPipeline {
    static final String MODEL_ATTRIBUTE = "model";
    private static final String PREFIX = "seqscore-nab-";
    private static final String EVENTS = PREFIX + "events";
    private static final String SCORES = PREFIX + "scores";
    private static final String MODELS = PREFIX + "models";
    private static final int PARTITIONS = 2;
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(60);

    private final Path trustedKey;
    private final Path stateDir;
    private final Duration timeout;

    /**
     * @param trustedKey the public key (PEM) the releases are signed with
     * @param stateDir   an empty directory for the scorer's state
     * @param timeout    how long loading the models, and then scoring, may each take
     */
    NabPipeline(Path trustedKey, Path stateDir, Duration timeout) {
        this.trustedKey = trustedKey;
        this.stateDir = stateDir;
        this.timeout = timeout;
    }

    /** The anomaly score of every row of every file (file order; null where the scorer gave none). */
    Map<String, Double[]> score(List<NabSeries> files, List<ModelRelease> releases) throws InterruptedException {
        String scope = PREFIX + Long.toHexString(System.nanoTime());
        try (EmbeddedKafka broker = startBroker()) {
            Map<String, Object> client = new HashMap<>();
            client.put("bootstrap.servers", broker.bootstrapServers());
            client.put("schema.registry.url", MockSchemaRegistry.URL_PREFIX + scope);
            createTopics(broker.bootstrapServers());
            publish(client, releases);
            ScorerService scorer = ScorerService.create(scorerConfig(client), ReleaseVerifier.ACCEPT_UNSIGNED);
            try {
                scorer.start();
                awaitModels(scorer.registry(), releases);
                produce(client, files);
                return collect(client, files);
            } finally {
                scorer.shutdown();
            }
        } finally {
            MockSchemaRegistry.dropScope(scope);
        }
    }

    /** Starts the broker with System.out discarded: formatting its storage prints its bootstrap metadata there. */
    private static EmbeddedKafka startBroker() {
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            return EmbeddedKafka.start();
        } finally {
            System.setOut(out);
        }
    }

    private void createTopics(String bootstrap) throws InterruptedException {
        List<NewTopic> topics = new ArrayList<>();
        topics.add(new NewTopic(EVENTS, Optional.of(PARTITIONS), Optional.empty()));
        topics.add(new NewTopic(SCORES, Optional.of(PARTITIONS), Optional.empty()));
        for (String t : List.of(PREFIX + "anomalies", PREFIX + "dlq", PREFIX + "shadow-scores")) {
            topics.add(new NewTopic(t, Optional.of(1), Optional.empty()));
        }
        topics.add(new NewTopic(MODELS, Optional.of(1), Optional.empty()).configs(Map.of("cleanup.policy", "compact")));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(topics).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new KafkaException("cannot create the evaluation topics: " + e.getMessage(), e);
        }
    }

    private SeqscoreConfig scorerConfig(Map<String, Object> client) {
        Map<String, Object> p = new HashMap<>(client);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, PREFIX + "scorer");
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(PARTITIONS));
        p.put(SeqscoreConfig.EVENTS_TOPIC_CONFIG, EVENTS);
        p.put(SeqscoreConfig.SCORES_TOPIC_CONFIG, SCORES);
        p.put(SeqscoreConfig.ANOMALIES_TOPIC_CONFIG, PREFIX + "anomalies");
        p.put(SeqscoreConfig.DLQ_TOPIC_CONFIG, PREFIX + "dlq");
        p.put(SeqscoreConfig.SHADOW_SCORES_TOPIC_CONFIG, PREFIX + "shadow-scores");
        p.put(SeqscoreConfig.MODELS_TOPIC_CONFIG, MODELS);
        p.put(SeqscoreConfig.MODEL_NAME_CONFIG, PREFIX + "unrouted");
        p.put(SeqscoreConfig.ROUTING_ATTRIBUTE_CONFIG, MODEL_ATTRIBUTE);
        p.put(SeqscoreConfig.TRUSTED_KEYS_CONFIG, trustedKey.toString());
        p.put(SeqscoreConfig.ANOMALY_DETECTOR_CONFIG, "range");
        p.put(SeqscoreConfig.GAP_RESET_MS_CONFIG, "0");
        p.put(SeqscoreConfig.LATE_POLICY_CONFIG, "score");
        p.put(ServiceSettings.HTTP_ADDRESS_CONFIG, "127.0.0.1");
        p.put(ServiceSettings.HTTP_PORT_CONFIG, "0");
        p.put(ServiceSettings.SHUTDOWN_TIMEOUT_MS_CONFIG, "10000");
        return new SeqscoreConfig(p);
    }

    private void publish(Map<String, Object> client, List<ModelRelease> releases) {
        Map<String, Object> props = new HashMap<>(client);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, PREFIX + "publisher");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        AvroSerializer<ModelRelease> values = new AvroSerializer<>();
        values.configure(client, false);
        try (KafkaProducer<String, ModelRelease> producer = new KafkaProducer<>(props, new StringSerializer(), values)) {
            send(producer, releases.stream().map(r -> new ProducerRecord<>(MODELS, r.getName(), r)).toList());
        }
    }

    private void awaitModels(ModelRegistry registry, List<ModelRelease> releases) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ModelRelease r : releases) {
            while (!registry.hasRelease(r.getName(), r.getVersion())) {
                for (RejectedRelease rejected : registry.rejections()) {
                    if (rejected.name().equals(r.getName())) {
                        throw new IllegalStateException("the scorer rejected the release of " + r.getName() + ": "
                                + rejected.reason());
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the scorer did not load the release of " + r.getName() + " within "
                            + timeout.toSeconds() + " s");
                }
                Thread.sleep(50);
            }
        }
    }

    private void produce(Map<String, Object> client, List<NabSeries> files) {
        Map<String, Object> props = new HashMap<>(client);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, PREFIX + "events");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        AvroSerializer<Event> values = new AvroSerializer<>();
        values.configure(client, false);
        try (KafkaProducer<String, Event> producer = new KafkaProducer<>(props, new StringSerializer(), values)) {
            List<ProducerRecord<String, Event>> records = new ArrayList<>();
            for (NabSeries s : files) {
                Map<String, String> attributes = Map.of(MODEL_ATTRIBUTE, s.key());
                for (int i = 0; i < s.rows(); i++) {
                    Event e = Event.newBuilder().setEventTime(Instant.ofEpochMilli(s.times()[i]))
                            .setValues(List.of(s.values()[i])).setAttributes(attributes).build();
                    records.add(new ProducerRecord<>(EVENTS, s.key(), e));
                }
            }
            send(producer, records);
        }
    }

    private static <V> void send(KafkaProducer<String, V> producer, List<ProducerRecord<String, V>> records) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        for (ProducerRecord<String, V> r : records) {
            producer.send(r, (meta, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                }
            });
        }
        producer.flush();
        if (failure.get() != null) {
            throw new KafkaException("could not produce: " + failure.get().getMessage(), failure.get());
        }
    }

    private Map<String, Double[]> collect(Map<String, Object> client, List<NabSeries> files) {
        Map<String, Double[]> scores = new HashMap<>();
        Map<String, Integer> filled = new HashMap<>();
        Map<String, NabSeries> byKey = new HashMap<>();
        for (NabSeries s : files) {
            byKey.put(s.key(), s);
            scores.put(s.key(), new Double[s.rows()]);
            filled.put(s.key(), 0);
        }
        long expected = files.stream().mapToLong(NabSeries::rows).sum();
        long received = 0;
        Map<String, Object> props = new HashMap<>(client);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, PREFIX + "scores");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
        AvroDeserializer<Score> values = AvroDeserializer.forClass(Score.class);
        values.configure(client, false);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, Score> consumer = new KafkaConsumer<>(props, new StringDeserializer(), values)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new TopicPartition(SCORES, p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (received < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the scorer gave " + received + " of " + expected + " scores within "
                            + timeout.toSeconds() + " s");
                }
                for (ConsumerRecord<String, Score> r : consumer.poll(Duration.ofMillis(200))) {
                    Double[] row = scores.get(r.key());
                    if (row == null) {
                        throw new IllegalStateException("a score for the unknown key " + r.key());
                    }
                    int i = filled.get(r.key());
                    if (i == row.length) {
                        throw new IllegalStateException("more scores than rows for " + r.key());
                    }
                    if (r.value().getStatus() == ScoreStatus.NO_MODEL || !r.key().equals(r.value().getModelName())) {
                        throw new IllegalStateException("row " + (i + 1) + " of " + r.key() + " was not scored by its"
                                + " model (status " + r.value().getStatus() + ", model " + r.value().getModelName() + ")");
                    }
                    NabSeries file = byKey.get(r.key());
                    if (r.value().getEventTime().toEpochMilli() != file.times()[i]) {
                        throw new IllegalStateException("score " + (i + 1) + " of " + r.key() + " is for event time "
                                + r.value().getEventTime() + ", not row " + (i + 1) + "'s " + file.timestampText()[i]);
                    }
                    row[i] = r.value().getAnomalyScore();
                    filled.put(r.key(), i + 1);
                    received++;
                }
            }
        }
        return scores;
    }
}
