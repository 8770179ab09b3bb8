package io.seqscore.app.reliability;

import io.seqscore.avro.Event;
import io.seqscore.serde.AvroSerializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** Sends a {@link Workload}'s events to a topic, batched and idempotent, and waits until all are acknowledged. */
final class EventProducer {
    private EventProducer() {
    }

    static void produce(String bootstrap, String registryUrl, String topic, Workload workload) {
        produce(bootstrap, registryUrl, topic, workload, 0, workload.steps());
    }

    /** Sends the events of steps [from, to). */
    static void produce(String bootstrap, String registryUrl, String topic, Workload workload, int from, int to) {
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                "schema.registry.url", registryUrl);
        AvroSerializer<Event> values = new AvroSerializer<>();
        values.configure(props, false);
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<String, Event> producer = new KafkaProducer<>(props, new StringSerializer(), values)) {
            workload.forEach(from, to, (key, event) -> producer.send(new ProducerRecord<>(topic, key, event), (meta, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
            }));
            producer.flush();
        }
        if (failure.get() != null) {
            throw new AssertionError("producing the workload failed", failure.get());
        }
    }
}
