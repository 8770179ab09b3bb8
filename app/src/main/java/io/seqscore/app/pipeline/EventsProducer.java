package io.seqscore.app.pipeline;

import io.seqscore.avro.Event;
import io.seqscore.serde.AvroSerializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;

/**
 * Produces {@link Event}s to an events topic: key = the series key, value through the Schema Registry,
 * idempotent with {@code acks=all} (so a key's events arrive in the order sent). A failed send fails the next
 * send or {@link #flush()}.
 */
public final class EventsProducer implements AutoCloseable {
    private final KafkaProducer<String, Event> producer;
    private final String topic;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    /**
     * @param clientProps bootstrap servers, registry URL and any other client property
     * @param tuning      producer properties over the defaults (e.g. linger.ms, batch.size)
     */
    public EventsProducer(Map<String, Object> clientProps, String topic, String clientId, Map<String, Object> tuning) {
        this.topic = topic;
        Map<String, Object> props = new HashMap<>(clientProps);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.putAll(tuning);
        AvroSerializer<Event> values = new AvroSerializer<>();
        values.configure(clientProps, false);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), values);
    }

    /** Sends an event; fails if an earlier send failed. */
    public void send(String key, Event event) {
        send(key, event, null);
    }

    /**
     * Sends an event; once the broker has it, {@code onAppended} (unless null) gets the record's timestamp (on a
     * topic with LogAppendTime: the broker's append time). Fails if an earlier send failed.
     */
    public void send(String key, Event event, LongConsumer onAppended) {
        throwIfFailed();
        producer.send(new ProducerRecord<>(topic, key, event), (meta, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
            } else if (onAppended != null) {
                onAppended.accept(meta.timestamp());
            }
        });
    }

    /** Waits until the broker has every event sent so far. */
    public void flush() {
        producer.flush();
        throwIfFailed();
    }

    private void throwIfFailed() {
        Exception e = failure.get();
        if (e != null) {
            throw new KafkaException("could not produce to " + topic + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
