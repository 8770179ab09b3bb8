package io.seqscore.trainer.kafka;

import io.seqscore.trainer.TrainerException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads every record of a topic from the earliest offset up to the end offsets it finds when it starts
 * (records produced later are not read), without a consumer group and with {@code read_committed}
 * isolation. Partitions are read together; records reach the handler in each partition's order.
 */
public final class TopicSnapshotReader {
    private TopicSnapshotReader() {
    }

    /**
     * @return the number of records read; 0 when the topic does not exist
     * @throws TrainerException when the end is not reached within the settings' time-out
     */
    public static long readAll(KafkaSettings settings, String topic, String clientId,
                               Consumer<ConsumerRecord<byte[], byte[]>> handler) {
        Map<String, Object> props = settings.common();
        props.put("client.id", clientId);
        props.put("enable.auto.commit", "false");
        props.put("isolation.level", "read_committed");
        props.put("allow.auto.create.topics", "false");
        props.put("auto.offset.reset", "earliest");
        props.remove("group.id");
        Duration timeout = settings.timeout();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                return 0;
            }
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : infos) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            partitions.sort(Comparator.comparingInt(TopicPartition::partition));
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, timeout));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long count = 0;
            while (!done(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new TrainerException("could not read topic " + topic + " to its end within " + timeout
                            + " (is the broker at " + settings.bootstrapServers() + " reachable?)");
                }
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    Long stop = end.get(new TopicPartition(r.topic(), r.partition()));
                    if (stop != null && r.offset() < stop) {
                        handler.accept(r);
                        count++;
                    }
                }
            }
            return count;
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new TrainerException("timed out reading topic " + topic + " from " + settings.bootstrapServers()
                    + ": " + e.getMessage(), e);
        } catch (KafkaException e) {
            throw new TrainerException("cannot read topic " + topic + ": " + e.getMessage(), e);
        }
    }

    private static boolean done(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
