package io.seqscore.app.demo;

import io.seqscore.app.pipeline.EventsProducer;
import io.seqscore.avro.Event;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Streams generated workflow sessions live, on a thread of its own: {@code slots} sessions run at once, each
 * giving one event per tick ({@code rate} ticks a second, event time = the wall clock); a slot whose session
 * has ended starts the generator's next session. Keeps the latest {@value #KEPT} sessions started, for the
 * record of what was injected where.
 */
final class SessionStreamer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionStreamer.class);
    static final int KEPT = 2_000;

    private final WorkflowGenerator generator;
    private final String prefix;
    private final EventsProducer producer;
    private final int slots;
    private final double rate;
    private final InstantSource clock;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;
    private final Map<String, WorkflowSession> started = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, WorkflowSession> eldest) {
            return size() > KEPT;
        }
    };
    private long nextSession;
    private long completed;

    SessionStreamer(WorkflowGenerator generator, String prefix, EventsProducer producer, int slots, double rate,
                    InstantSource clock) {
        this.generator = generator;
        this.prefix = prefix;
        this.producer = producer;
        this.slots = slots;
        this.rate = rate;
        this.clock = clock;
        this.thread = new Thread(this::run, "seqscore-demo-sessions");
        thread.setDaemon(true);
    }

    SessionStreamer start() {
        thread.start();
        return this;
    }

    /** The sessions started (the latest {@value #KEPT}), oldest first. */
    synchronized List<WorkflowSession> started() {
        return new ArrayList<>(started.values());
    }

    /** Sessions whose every event has been produced. */
    synchronized long completed() {
        return completed;
    }

    private synchronized WorkflowSession next() {
        WorkflowSession s = generator.session(prefix, nextSession++);
        started.put(s.key(), s);
        return s;
    }

    private synchronized void ended() {
        completed++;
    }

    private void run() {
        WorkflowSession[] sessions = new WorkflowSession[slots];
        int[] positions = new int[slots];
        long start = clock.millis();
        try {
            for (long tick = 0; ; tick++) {
                long due = start + Math.round(tick * 1000 / rate);
                long wait = due - clock.millis();
                if (wait > 0 && stop.await(wait, TimeUnit.MILLISECONDS) || stop.getCount() == 0) {
                    return;
                }
                long now = clock.millis();
                for (int slot = 0; slot < slots; slot++) {
                    if (sessions[slot] == null) {
                        sessions[slot] = next();
                        positions[slot] = 0;
                    }
                    WorkflowSession s = sessions[slot];
                    producer.send(s.key(), Event.newBuilder().setEventTime(Instant.ofEpochMilli(now)).setValues(List.of())
                            .setSymbol(s.symbols().get(positions[slot]++)).setAttributes(null).build());
                    if (positions[slot] == s.symbols().size()) {
                        sessions[slot] = null;
                        ended();
                    }
                }
                producer.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (KafkaException e) {
            if (stop.getCount() > 0) {
                LOG.warn("Streaming sessions stopped: {}", e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        stop.countDown();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
