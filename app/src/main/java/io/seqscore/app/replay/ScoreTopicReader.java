package io.seqscore.app.replay;

import io.seqscore.avro.Score;
import io.seqscore.serde.AvroDeserializer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Reads a scores topic from its start to the end it has when the read starts (committed records only, no
 * consumer group) and hands each Score whose event time is in [from, to) to a handler with its key.
 */
final class ScoreTopicReader {
    private ScoreTopicReader() {
    }

    static void read(Map<String, Object> clientProps, String topic, long from, long to, Duration timeout,
                     BiConsumer<String, Score> handler) {
        Map<String, Object> props = new HashMap<>(clientProps);
        props.remove("group.id");
        props.put("enable.auto.commit", "false");
        props.put("isolation.level", "read_committed");
        props.put("auto.offset.reset", "earliest");
        AvroDeserializer<Score> scores = AvroDeserializer.forClass(Score.class);
        scores.configure(clientProps, false);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            for (PartitionInfo p : consumer.partitionsFor(topic, timeout)) {
                parts.add(new TopicPartition(topic, p.partition()));
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(parts, timeout);
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            while (parts.stream().anyMatch(tp -> consumer.position(tp, timeout) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new ReplayException("timed out reading " + topic);
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() == null) {
                        continue;
                    }
                    Score s = scores.deserialize(topic, r.value());
                    long t = s.getEventTime().toEpochMilli();
                    if (t >= from && t < to) {
                        handler.accept(r.key(), s);
                    }
                }
            }
        }
    }
}
