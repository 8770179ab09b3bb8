package io.seqscore.app.testing;

import io.seqscore.app.kafka.EmbeddedKafka;
import io.seqscore.avro.Event;
import io.seqscore.avro.ModelRelease;
import io.seqscore.serde.AvroDeserializer;
import io.seqscore.serde.AvroSerializer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * A fresh set of the scorer's topics on a broker (names prefixed by the run), its settings, and typed
 * producers and committed-read consumers for them: one per scorer run of an integration test.
 */
public final class ScorerTopics {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private final EmbeddedKafka kafka;
    private final String prefix;
    private final String registryUrl;

    /** Creates the topics: events and scores with {@code partitions} partitions, the models topic compacted. */
    public ScorerTopics(EmbeddedKafka kafka, String prefix, String registryUrl, int partitions) {
        this.kafka = kafka;
        this.prefix = prefix;
        this.registryUrl = registryUrl;
        kafka.createTopic(topic("events"), partitions, Map.of());
        kafka.createTopic(topic("scores"), partitions, Map.of());
        kafka.createTopic(topic("shadow-scores"), partitions, Map.of());
        kafka.createTopic(topic("anomalies"), 1, Map.of());
        kafka.createTopic(topic("dlq"), 1, Map.of());
        kafka.createTopic(topic("models"), 1, Map.of("cleanup.policy", "compact"));
    }

    public String topic(String name) {
        return prefix + "-" + name;
    }

    /** The scorer's settings for these topics, with its state in {@code stateDir}. */
    public Map<String, Object> properties(Path stateDir) {
        Map<String, Object> p = new HashMap<>();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("application.id", prefix + "-scorer");
        p.put("state.dir", stateDir.toString());
        p.put("schema.registry.url", registryUrl);
        p.put("commit.interval.ms", "100");
        p.put("seqscore.events.topic", topic("events"));
        p.put("seqscore.scores.topic", topic("scores"));
        p.put("seqscore.shadow.scores.topic", topic("shadow-scores"));
        p.put("seqscore.anomalies.topic", topic("anomalies"));
        p.put("seqscore.dlq.topic", topic("dlq"));
        p.put("seqscore.models.topic", topic("models"));
        return p;
    }

    private Map<String, Object> producerProps() {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all",
                "schema.registry.url", registryUrl);
    }

    public void publish(ModelRelease release) throws ExecutionException, InterruptedException {
        AvroSerializer<ModelRelease> serializer = new AvroSerializer<>();
        serializer.configure(producerProps(), false);
        try (KafkaProducer<String, ModelRelease> producer = new KafkaProducer<>(producerProps(), new StringSerializer(),
                serializer)) {
            producer.send(new ProducerRecord<>(topic("models"), release.getName(), release)).get();
        }
    }

    /** Sends the events (key → event) in order and waits for the broker's acknowledgement of each. */
    public void send(List<Map.Entry<String, Event>> events) throws ExecutionException, InterruptedException {
        AvroSerializer<Event> serializer = new AvroSerializer<>();
        serializer.configure(producerProps(), false);
        try (KafkaProducer<String, Event> producer = new KafkaProducer<>(producerProps(), new StringSerializer(),
                serializer)) {
            for (Map.Entry<String, Event> e : events) {
                producer.send(new ProducerRecord<>(topic("events"), e.getKey(), e.getValue())).get();
            }
        }
    }

    /** A read_committed consumer of one of the topics, from its beginning, for Avro values of this class. */
    public <V extends SpecificRecord> KafkaConsumer<String, V> consumer(String name, Class<V> type) {
        AvroDeserializer<V> values = AvroDeserializer.forClass(type);
        values.configure(Map.of("schema.registry.url", registryUrl), false);
        KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, topic(name) + "-reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), values);
        consumer.subscribe(List.of(topic(name)));
        return consumer;
    }

    /** Polls until {@code into} holds {@code count} records in all, failing at the time-out. */
    public static <V> void pollUntil(KafkaConsumer<String, V> consumer, List<ConsumerRecord<String, V>> into, int count) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (into.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out with " + into.size() + " of " + count + " records");
            }
            consumer.poll(Duration.ofMillis(100)).forEach(into::add);
        }
    }
}
