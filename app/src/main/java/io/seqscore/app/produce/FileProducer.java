package io.seqscore.app.produce;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends the events of an {@link EventSource} to a topic in file order, keyed by the event's key, at a given rate,
 * with an idempotent {@code acks=all} producer; waits for every acknowledgement before it returns. An event with a
 * NaN, infinite or missing value is counted and not sent, as the trainer drops it. The record timestamp is the
 * time of sending, not the event time, so that the topic's retention does not delete an old file's events at once.
 */
public final class FileProducer {
    private final Map<String, Object> producerProperties;
    private final String topic;
    private final EventEncoding encoding;
    private final String formatName;
    private final double rate;
    private final ProduceProgress progress;

    public FileProducer(Map<String, Object> producerProperties, String topic, EventEncoding encoding, String formatName,
                        double rate, ProduceProgress progress) {
        this.producerProperties = Map.copyOf(producerProperties);
        this.topic = topic;
        this.encoding = encoding;
        this.formatName = formatName;
        this.rate = rate;
        this.progress = progress;
    }

    /** @throws KafkaException when a record cannot be sent */
    public ProduceSummary produce(EventSource source) {
        Map<String, Object> props = new HashMap<>(producerProperties);
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "seqscore-produce");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
        AtomicReference<Exception> failure = new AtomicReference<>();
        Pacer pacer = new Pacer(rate);
        Set<String> keys = new HashSet<>();
        long[] counts = new long[2];
        long start = System.nanoTime();
        long lines;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            lines = source.readInto((key, time, symbol, values, attributes) -> {
                if (failure.get() != null) {
                    throw new KafkaException("could not produce to " + topic + ": " + failure.get().getMessage(),
                            failure.get());
                }
                for (double v : values) {
                    if (!Double.isFinite(v)) {
                        counts[1]++;
                        return;
                    }
                }
                pacer.await();
                producer.send(new ProducerRecord<>(topic, key, encoding.encode(topic, key, time, symbol, values, attributes)),
                        (meta, error) -> {
                            if (error != null) {
                                failure.compareAndSet(null, error);
                            }
                        });
                keys.add(key);
                progress.sent(++counts[0]);
            });
            producer.flush();
        } finally {
            progress.done();
        }
        if (failure.get() != null) {
            throw new KafkaException("could not produce to " + topic + ": " + failure.get().getMessage(), failure.get());
        }
        return new ProduceSummary(topic, formatName, lines, counts[0], keys.size(), counts[1], source.skipped(),
                Duration.ofNanos(System.nanoTime() - start));
    }
}
