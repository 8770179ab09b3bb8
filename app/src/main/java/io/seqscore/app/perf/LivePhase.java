package io.seqscore.app.perf;

import io.seqscore.app.pipeline.PipelineCluster;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Latency and model swaps on a running scorer: events are sent at a steady rate; for the first
 * {@code latencySeconds} each event's latency is its score's broker append time minus its own (both
 * LogAppendTime, so both stamped by the broker's clock); then {@code swaps} new releases are published as the
 * trainer publishes them ({@link PipelineCluster#publish}), one every {@code swapInterval}, and each swap's
 * latency is the append time of the first score carrying the new version minus the append time of the release.
 */
final class LivePhase {
    private static final Duration SCORE_WAIT = Duration.ofSeconds(60);
    private static final Duration VERSION_WAIT = Duration.ofSeconds(30);

    /**
     * Latencies in ms; {@code swapsSeen} of {@code swaps} releases had a score of their own; {@code sent}
     * events went to the events topic.
     */
    record Result(double rate, Percentiles latency, int swaps, int swapsSeen, Percentiles swap, long sent) {
    }

    private final PipelineCluster cluster;
    private final WorkloadProducer producer;
    private final String scoresTopic;
    private final int partitions;
    private final String modelsTopic;
    private final PerfModel model;
    private final long seed;

    LivePhase(PipelineCluster cluster, WorkloadProducer producer, String scoresTopic, int partitions, String modelsTopic,
              PerfModel model, long seed) {
        this.cluster = cluster;
        this.producer = producer;
        this.scoresTopic = scoresTopic;
        this.partitions = partitions;
        this.modelsTopic = modelsTopic;
        this.model = model;
        this.seed = seed;
    }

    /**
     * Streams events {@code from}, {@code from + 1}, … at {@code rate} per second and publishes versions
     * {@code firstVersion} … {@code firstVersion + swaps − 1}.
     */
    Result run(long from, double rate, double latencySeconds, int swaps, Duration swapInterval, long firstVersion)
            throws InterruptedException {
        int latencyEvents = Math.max(1, (int) Math.round(rate * latencySeconds));
        double swapSeconds = swaps * swapInterval.toMillis() / 1000.0 + VERSION_WAIT.toSeconds();
        int total = latencyEvents + (int) Math.ceil(rate * swapSeconds);
        long[] appendTimes = new long[total];
        long[] swapLatencies = new long[swaps];
        int swapsSeen = 0;
        try (ScoreWatcher watcher = new ScoreWatcher(cluster.clientProperties(), scoresTopic, partitions, from, total)) {
            AtomicReference<RuntimeException> sendFailure = new AtomicReference<>();
            AtomicBoolean stop = new AtomicBoolean();
            int[] sent = new int[1];
            AtomicInteger progress = new AtomicInteger();
            Thread sender = new Thread(() -> {
                try {
                    sent[0] = producer.paced(from, total, latencyEvents, rate, appendTimes, progress, stop::get);
                } catch (RuntimeException e) {
                    sendFailure.set(e);
                }
            }, "seqscore-perf-paced-events");
            sender.setDaemon(true);
            sender.start();
            try {
                while (progress.get() < latencyEvents && sender.isAlive()) {
                    Thread.sleep(10);
                }
                long[] published = new long[swaps];
                for (int i = 0; i < swaps; i++) {
                    long start = System.nanoTime();
                    published[i] = cluster.publish(modelsTopic, model.release(firstVersion + i, seed)).timestamp();
                    long left = swapInterval.toNanos() - (System.nanoTime() - start);
                    if (left > 0) {
                        Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
                    }
                }
                if (swaps > 0) {
                    watcher.awaitVersion(firstVersion + swaps - 1, VERSION_WAIT);
                }
                for (int i = 0; i < swaps; i++) {
                    long first = watcher.firstOfVersion(firstVersion + i);
                    if (first >= 0) {
                        swapLatencies[swapsSeen++] = first - published[i];
                    }
                }
            } finally {
                stop.set(true);
                sender.join(30_000);
            }
            if (sendFailure.get() != null) {
                throw sendFailure.get();
            }
            if (!watcher.awaitScores(latencyEvents, SCORE_WAIT)) {
                throw new IllegalStateException("the scores of the " + latencyEvents + " paced events did not all arrive within "
                        + SCORE_WAIT.toSeconds() + " s");
            }
            long[] latencies = new long[latencyEvents];
            for (int i = 0; i < latencyEvents; i++) {
                latencies[i] = watcher.scoreAppend(i) - appendTimes[i];
            }
            return new Result(rate, Percentiles.of(latencies, latencyEvents), swaps, swapsSeen,
                    Percentiles.of(swapLatencies, swapsSeen), sent[0]);
        }
    }
}
