package io.seqscore.app.perf;

import io.seqscore.avro.Event;
import io.seqscore.serde.AvroSerializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends {@link Workload} events to the events topic (idempotent, {@code acks=all}): a backlog at full speed,
 * or a paced stream whose broker append times (the topic's LogAppendTime, which the acknowledgement
 * carries) it keeps for the latency measurement. A failed send fails the call that waits for it.
 */
final class WorkloadProducer implements AutoCloseable {
    private final KafkaProducer<String, Event> producer;
    private final String topic;
    private final Workload workload;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    WorkloadProducer(Map<String, Object> clientProps, String topic, Workload workload) {
        this.topic = topic;
        this.workload = workload;
        Map<String, Object> props = new HashMap<>(clientProps);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "seqscore-perf-events");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(128 * 1024));
        AvroSerializer<Event> values = new AvroSerializer<>();
        values.configure(clientProps, false);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), values);
    }

    /** Sends events {@code from} … {@code from + count − 1} as fast as the broker takes them; waits for all. */
    void backlog(long from, long count) {
        for (long s = from; s < from + count; s++) {
            send(s, null, 0);
        }
        flush();
    }

    /**
     * Sends events {@code from} … {@code from + count − 1} at {@code rate} per second on this thread, the
     * i-th due at start + i/rate; {@code appendTimes[i]} receives the broker's append time of event
     * {@code from + i}, and {@code sent} the number sent so far. Once {@code atLeast} are sent, stops early
     * when {@code stop} says so. Returns how many it sent, all acknowledged.
     */
    int paced(long from, int count, int atLeast, double rate, long[] appendTimes, AtomicInteger sent,
              BooleanSupplier stop) {
        Arrays.fill(appendTimes, 0, count, -1L);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = start + (long) (i * 1e9 / rate);
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            if (i >= atLeast && stop.getAsBoolean()) {
                flush();
                return i;
            }
            send(from + i, appendTimes, i);
            sent.set(i + 1);
        }
        flush();
        return count;
    }

    private void send(long seq, long[] appendTimes, int index) {
        Exception e = failure.get();
        if (e != null) {
            throw new KafkaException("could not produce to " + topic + ": " + e.getMessage(), e);
        }
        producer.send(new ProducerRecord<>(topic, workload.key(seq), workload.event(seq)), (meta, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
            } else if (appendTimes != null) {
                appendTimes[index] = meta.timestamp();
            }
        });
    }

    void flush() {
        producer.flush();
        Exception e = failure.get();
        if (e != null) {
            throw new KafkaException("could not produce to " + topic + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
