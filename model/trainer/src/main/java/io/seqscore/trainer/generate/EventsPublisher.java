package io.seqscore.trainer.generate;

import io.seqscore.avro.Event;
import io.seqscore.serde.AvroSerializer;
import io.seqscore.trainer.TrainerException;
import io.seqscore.trainer.kafka.KafkaSettings;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Produces a workload's events to the events topic: key = series key, value = {@link Event} through the
 * Schema Registry (Confluent wire format), one value per event, every key of a step before the next step.
 * The producer is idempotent with {@code acks=all}; a failed send fails the next {@link #publish} or
 * {@link #publishStep} with a {@link TrainerException}.
 */
public final class EventsPublisher implements AutoCloseable {
    private final KafkaProducer<String, Event> producer;
    private final String topic;
    private final SyntheticWorkload workload;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    public EventsPublisher(KafkaSettings settings, String topic, SyntheticWorkload workload) {
        this.topic = topic;
        this.workload = workload;
        Map<String, Object> props = settings.common();
        props.put("client.id", "seqscore-generator");
        props.put("enable.idempotence", "true");
        props.put("acks", "all");
        props.putIfAbsent("linger.ms", "20");
        long timeoutMs = Math.max(settings.timeout().toMillis(), 1000);
        props.putIfAbsent("max.block.ms", Long.toString(timeoutMs));
        props.putIfAbsent("delivery.timeout.ms", Long.toString(Math.max(timeoutMs, 30_000)));
        AvroSerializer<Event> serializer = new AvroSerializer<>();
        serializer.configure(settings.common(), false);
        try {
            this.producer = new KafkaProducer<>(props, new StringSerializer(), serializer);
        } catch (KafkaException e) {
            throw new TrainerException("cannot create a producer for " + topic + ": " + e.getMessage(), e);
        }
    }

    /** Produces steps [from, to) of every key and waits until the broker has them; returns the event count. */
    public long publish(long from, long to) {
        long events = 0;
        for (long n = from; n < to; n++) {
            events += send(n);
        }
        flush();
        return events;
    }

    /** Produces one step of every key and waits until the broker has it. */
    public void publishStep(long step) {
        send(step);
        flush();
    }

    private int send(long step) {
        Instant time = Instant.ofEpochMilli(workload.eventTime(step));
        try {
            for (int k = 0; k < workload.keyCount(); k++) {
                Event event = Event.newBuilder().setEventTime(time).setValues(List.of(workload.value(k, step)))
                        .setAttributes(null).build();
                producer.send(new ProducerRecord<>(topic, workload.key(k), event), (meta, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
            }
        } catch (KafkaException e) {
            throw new TrainerException("could not produce to " + topic + ": " + e.getMessage(), e);
        }
        return workload.keyCount();
    }

    private void flush() {
        try {
            producer.flush();
        } catch (KafkaException e) {
            throw new TrainerException("could not produce to " + topic + ": " + e.getMessage(), e);
        }
        Exception e = failure.get();
        if (e != null) {
            throw new TrainerException("could not produce to " + topic + ": " + e.getMessage(), e);
        }
    }

    /** Whether {@code topic} holds any record (false when it does not exist). */
    public static boolean hasRecords(KafkaSettings settings, String topic) {
        Map<String, Object> props = settings.common();
        props.put("client.id", "seqscore-generator-check");
        props.put("allow.auto.create.topics", "false");
        props.remove("group.id");
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, settings.timeout());
            if (infos == null || infos.isEmpty()) {
                return false;
            }
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, settings.timeout());
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, settings.timeout());
            return partitions.stream().anyMatch(p -> end.get(p) > begin.get(p));
        } catch (KafkaException e) {
            throw new TrainerException("cannot read the offsets of " + topic + " on " + settings.bootstrapServers()
                    + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
