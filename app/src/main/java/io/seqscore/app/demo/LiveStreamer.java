package io.seqscore.app.demo;

import io.seqscore.app.pipeline.EventsProducer;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.InstantSource;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Streams the source's ticks from {@code first} on, each when the {@link TickPacer} says it is due (ticks
 * already due go at once, in order: none is skipped), on a thread of its own, until the source ends or
 * {@link #close()}; at the source's end, tells {@code ended} how many events it had.
 */
final class LiveStreamer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveStreamer.class);

    private final DemoSource source;
    private final EventsProducer producer;
    private final TickPacer pacer;
    private final InstantSource clock;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final AtomicLong next;
    private final Thread thread;
    private final LongConsumer ended;

    LiveStreamer(DemoSource source, EventsProducer producer, TickPacer pacer, InstantSource clock, LongConsumer ended) {
        this.source = source;
        this.producer = producer;
        this.pacer = pacer;
        this.clock = clock;
        this.ended = ended;
        this.next = new AtomicLong(pacer.first());
        this.thread = new Thread(this::run, "seqscore-demo-stream");
        thread.setDaemon(true);
    }

    LiveStreamer start() {
        thread.start();
        return this;
    }

    /** The first tick not yet produced. */
    long nextTick() {
        return next.get();
    }

    private void run() {
        try {
            for (long i = next.get(); i < source.tickCount(); i++) {
                long wait;
                while ((wait = pacer.due(i) - clock.millis()) > 0) {
                    if (stop.await(wait, TimeUnit.MILLISECONDS)) {
                        return;
                    }
                }
                if (stop.getCount() == 0) {
                    return;
                }
                for (DemoEvent e : source.tick(i)) {
                    producer.send(e.key(), e.toEvent());
                }
                producer.flush();
                next.set(i + 1);
            }
            long events = countEvents();
            LOG.info("All {} events of the CSV are streamed; the dashboard stays up until Ctrl-C", events);
            ended.accept(events);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (KafkaException e) {
            if (stop.getCount() > 0) {
                LOG.warn("Streaming events stopped: {}", e.getMessage());
            }
        }
    }

    private long countEvents() {
        long n = 0;
        for (long i = 0; i < source.tickCount(); i++) {
            n += source.tick(i).size();
        }
        return n;
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
