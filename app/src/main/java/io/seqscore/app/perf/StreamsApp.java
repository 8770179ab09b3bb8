package io.seqscore.app.perf;

import io.seqscore.app.pipeline.PipelineCluster;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * One Kafka Streams application of a perf run (the scorer's topology or the baseline's), with a state
 * directory of its own that {@link #close()} deletes together with its internal topics. {@link #drain}
 * waits until it has finished with a given number of events and measures the window.
 */
final class StreamsApp implements AutoCloseable {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    /**
     * One drain: {@code events} finished in {@code nanos} (first to last), with the CPU the application's
     * threads and the whole process used meanwhile.
     */
    record Drain(long events, long nanos, CpuMeter.Sample cpu) {
        double eventsPerSecond() {
            return events * 1e9 / nanos;
        }

        double appMicrosPerEvent() {
            return cpu.appNanos() / 1e3 / events;
        }

        double processMicrosPerEvent() {
            return cpu.processNanos() / 1e3 / events;
        }
    }

    private final String applicationId;
    private final KafkaStreams streams;
    private final Path stateDir;
    private final PipelineCluster cluster;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private StreamsApp(String applicationId, KafkaStreams streams, Path stateDir, PipelineCluster cluster) {
        this.applicationId = applicationId;
        this.streams = streams;
        this.stateDir = stateDir;
        this.cluster = cluster;
    }

    /**
     * Creates (not starts) the application; {@code props} get its id and a fresh state directory.
     */
    static StreamsApp create(PipelineCluster cluster, String applicationId, Topology topology, Properties props) {
        Path dir;
        try {
            dir = Files.createTempDirectory("seqscore-perf-state-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a state directory", e);
        }
        Properties p = new Properties();
        p.putAll(props);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
        KafkaStreams streams = new KafkaStreams(topology, p);
        StreamsApp app = new StreamsApp(applicationId, streams, dir, cluster);
        streams.setUncaughtExceptionHandler(e -> {
            app.failure.compareAndSet(null, e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        return app;
    }

    StreamsApp restoreListener(StateRestoreListener listener) {
        streams.setGlobalStateRestoreListener(listener);
        return this;
    }

    StreamsApp start() {
        streams.start();
        return this;
    }

    String applicationId() {
        return applicationId;
    }

    KafkaStreams streams() {
        return streams;
    }

    /** Blocks until {@code counter} reaches its target; returns the window and the CPU used in it. */
    Drain drain(ProgressCounter counter, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!counter.awaitStarted(50)) {
            check(deadline, counter);
        }
        CpuMeter.Sample before = CpuMeter.sample(applicationId);
        while (!counter.awaitFinished(50)) {
            check(deadline, counter);
        }
        CpuMeter.Sample after = CpuMeter.sample(applicationId);
        return new Drain(counter.target(), counter.windowNanos(), after.minus(before));
    }

    private void check(long deadline, ProgressCounter counter) {
        Throwable f = failure.get();
        if (f != null) {
            throw new IllegalStateException(applicationId + " failed: " + f, f);
        }
        KafkaStreams.State state = streams.state();
        if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING
                || state == KafkaStreams.State.PENDING_ERROR) {
            throw new IllegalStateException(applicationId + " stopped in state " + state);
        }
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException(applicationId + " finished " + counter.done() + " of " + counter.target()
                    + " events before the time-out");
        }
    }

    /** A key's value in one of the application's stores (retried while the store is not queryable yet). */
    byte[] storeValue(String store, String key, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                ReadOnlyKeyValueStore<String, byte[]> s = streams.store(StoreQueryParameters.fromNameAndType(store,
                        QueryableStoreTypes.<String, byte[]>keyValueStore()));
                return s.get(key);
            } catch (InvalidStateStoreException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("store " + store + " of " + applicationId + " is not queryable: "
                            + e.getMessage(), e);
                }
                Thread.sleep(50);
            }
        }
    }

    /** Closes Kafka Streams, deletes its state directory and its internal topics. */
    @Override
    public void close() {
        try {
            streams.close(CloseOptions.timeout(CLOSE_TIMEOUT));
        } finally {
            deleteTree(stateDir);
            cluster.deleteTopics(applicationId + "-");
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
