package io.seqscore.app.reliability;

import io.seqscore.serde.AvroDeserializer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Reads every partition of a topic from its beginning with {@code isolation.level=read_committed} (what an
 * exactly-once consumer of the scores sees: records of aborted transactions never), into one list in the
 * order read. Single-threaded: the test polls it while it waits for conditions.
 */
final class CommittedReader<V extends SpecificRecord> implements AutoCloseable {
    private final KafkaConsumer<String, V> consumer;
    private final List<TopicPartition> partitions;
    private final List<ConsumerRecord<String, V>> records = new ArrayList<>();

    CommittedReader(String bootstrap, String registryUrl, String topic, Class<V> type) {
        AvroDeserializer<V> values = AvroDeserializer.forClass(type);
        values.configure(Map.of("schema.registry.url", registryUrl), false);
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), values);
        List<TopicPartition> tps = new ArrayList<>();
        for (PartitionInfo p : consumer.partitionsFor(topic)) {
            tps.add(new TopicPartition(topic, p.partition()));
        }
        partitions = List.copyOf(tps);
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    List<ConsumerRecord<String, V>> records() {
        return records;
    }

    int size() {
        return records.size();
    }

    /** Polls until {@code done} holds, failing after {@code timeout}. */
    void pollUntil(Duration timeout, String what, BooleanSupplier done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting until " + what + " (" + records.size()
                        + " records read)");
            }
            consumer.poll(Duration.ofMillis(50)).forEach(records::add);
        }
    }

    /** Polls until every partition is read up to its last stable offset as it is now. */
    void readToEnd(Duration timeout) {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        pollUntil(timeout, "the end of " + partitions, () -> end.entrySet().stream()
                .allMatch(e -> consumer.position(e.getKey()) >= e.getValue()));
    }

    /** Each partition's last stable offset now: where its committed records end, read or not. */
    long[] committedEnds() {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        long[] out = new long[partitions.size()];
        end.forEach((tp, offset) -> out[tp.partition()] = offset);
        return out;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
