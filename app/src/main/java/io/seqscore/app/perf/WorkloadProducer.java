package io.seqscore.app.perf;

import io.seqscore.app.pipeline.EventsProducer;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Sends {@link Workload} events to the events topic (idempotent, {@code acks=all}): a backlog at full speed,
 * or a paced stream whose broker append times (the topic's LogAppendTime, which the acknowledgement
 * carries) it keeps for the latency measurement. A failed send fails the call that waits for it.
 */
final class WorkloadProducer implements AutoCloseable {
    private final EventsProducer producer;
    private final Workload workload;

    WorkloadProducer(Map<String, Object> clientProps, String topic, Workload workload) {
        this.workload = workload;
        this.producer = new EventsProducer(clientProps, topic, "seqscore-perf-events", Map.of(
                ProducerConfig.LINGER_MS_CONFIG, "5", ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(128 * 1024)));
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
        producer.send(workload.key(seq), workload.event(seq), appendTimes == null ? null : t -> appendTimes[index] = t);
    }

    void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
