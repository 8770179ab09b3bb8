package io.seqscore.app.demo;

import io.seqscore.avro.Event;
import io.seqscore.serde.AvroSerializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Produces the demo's events to the events topic: key = series key, value = {@link Event} through the
 * Schema Registry, idempotent with {@code acks=all}. The record timestamp is the time of sending, which
 * the scorer passes on to the score, so the dashboard measures the latency from production to score.
 * A failed send fails the next {@link #flush()}.
 */
final class EventsProducer implements AutoCloseable {
    private final KafkaProducer<String, Event> producer;
    private final String topic;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    EventsProducer(Map<String, Object> clientProps, String topic) {
        this.topic = topic;
        Map<String, Object> props = new HashMap<>(clientProps);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "seqscore-demo-events");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        AvroSerializer<Event> values = new AvroSerializer<>();
        values.configure(clientProps, false);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), values);
    }

    void send(List<DemoEvent> events) {
        for (DemoEvent e : events) {
            List<Double> values = new ArrayList<>(e.values().length);
            for (double v : e.values()) {
                values.add(v);
            }
            Event event = Event.newBuilder().setEventTime(Instant.ofEpochMilli(e.time())).setValues(values)
                    .setAttributes(null).build();
            producer.send(new ProducerRecord<>(topic, e.key(), event), (meta, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                }
            });
        }
    }

    /** Waits until the broker has every event sent so far. */
    void flush() {
        producer.flush();
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
