package io.seqscore.app.pipeline;

import io.seqscore.serde.AvroDeserializer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Reads one topic from the beginning of every partition, committed records only ({@code read_committed}),
 * without a consumer group: what a pipeline's scorer wrote, for a command's results or a test's assertions.
 * Successive reads go on where the last one stopped.
 */
public final class TopicReader<V> implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaConsumer<String, V> consumer;
    private final String topic;

    private TopicReader(Map<String, Object> clientProps, String topic, String clientId, Deserializer<V> values) {
        this.topic = topic;
        Map<String, Object> props = new HashMap<>(clientProps);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
        values.configure(clientProps, false);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), values);
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo p : consumer.partitionsFor(topic)) {
            partitions.add(new TopicPartition(topic, p.partition()));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** A reader of Avro records of {@code type} (through the registry of {@code clientProps}). */
    public static <V extends SpecificRecord> TopicReader<V> avro(Map<String, Object> clientProps, String topic,
                                                                Class<V> type) {
        return new TopicReader<>(clientProps, topic, topic + "-reader", AvroDeserializer.forClass(type));
    }

    /** A reader of the records' bytes as written. */
    public static TopicReader<byte[]> bytes(Map<String, Object> clientProps, String topic) {
        return new TopicReader<>(clientProps, topic, topic + "-reader", new ByteArrayDeserializer());
    }

    public String topic() {
        return topic;
    }

    /**
     * Hands each record to {@code handler} until {@code done} holds; false when {@code timeout} passed first.
     */
    public boolean readUntil(BooleanSupplier done, Consumer<ConsumerRecord<String, V>> handler, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            consumer.poll(POLL).forEach(handler);
        }
        return true;
    }

    /**
     * Hands each record to {@code handler} until {@code done} holds; false when no record came for
     * {@code stall} (for a run whose length is unknown, but that must keep going).
     */
    public boolean readWhileProgressing(BooleanSupplier done, Consumer<ConsumerRecord<String, V>> handler,
                                        Duration stall) {
        long lastProgress = System.nanoTime();
        while (!done.getAsBoolean()) {
            ConsumerRecords<String, V> records = consumer.poll(POLL);
            if (!records.isEmpty()) {
                lastProgress = System.nanoTime();
                records.forEach(handler);
            } else if (System.nanoTime() - lastProgress > stall.toNanos()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Adds records to {@code into} until it holds {@code total}; fails with an {@link IllegalStateException}
     * when {@code timeout} passes first.
     */
    public void readInto(List<ConsumerRecord<String, V>> into, int total, Duration timeout) {
        if (!readUntil(() -> into.size() >= total, into::add, timeout)) {
            throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s with " + into.size() + " of "
                    + total + " records on " + topic);
        }
    }

    /** The next {@code count} records; fails when they do not come within {@code timeout}. */
    public List<ConsumerRecord<String, V>> read(int count, Duration timeout) {
        List<ConsumerRecord<String, V>> out = new ArrayList<>();
        readInto(out, count, timeout);
        return out;
    }

    /** Whatever records come within {@code wait} (to check that nothing more does). */
    public List<ConsumerRecord<String, V>> poll(Duration wait) {
        List<ConsumerRecord<String, V>> out = new ArrayList<>();
        consumer.poll(wait).forEach(out::add);
        return out;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
