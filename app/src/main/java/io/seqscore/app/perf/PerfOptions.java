package io.seqscore.app.perf;

import io.seqscore.model.core.CellType;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What one {@code seqscore perf} run does; see {@link PerfCommand} for each option's meaning.
 *
 * @param bootstrapServers null: a broker started in this process
 * @param schemaRegistry   null: an in-memory registry ({@code mock://})
 * @param sweep            hidden sizes of the sweep (empty: no sweep)
 * @param warmup           whether an unmeasured pair of runs comes first
 * @param categorical      hidden units of the categorical pair ({@value #SYMBOLS} symbols) after the sweep; 0: none
 * @param settings         Kafka Streams, client and seqscore settings for the scorer (Kafka Streams and client
 *                         ones also for the baseline)
 */
record PerfOptions(String bootstrapServers, String schemaRegistry, long events, int keys, int dimension, int partitions,
                   int threads, CellType cell, int hidden, int layers, List<Guarantee> guarantees, int repeats,
                   List<Integer> sweep, Guarantee sweepGuarantee, double latencyRate, double latencySeconds,
                   int swapReleases, Duration swapInterval, long restoreKeys, long seed, Map<String, String> settings,
                   Duration timeout, boolean warmup, int categorical) {
    static final int MAX_UNITS = 4096;
    /** The vocabulary of the categorical pair. */
    static final int SYMBOLS = 32;

    PerfOptions {
        positive(events, "--events");
        positive(keys, "--keys");
        if (keys > events) {
            throw new IllegalArgumentException("--keys (" + keys + ") must not exceed --events (" + events + ")");
        }
        positive(dimension, "--dimension");
        positive(partitions, "--partitions");
        positive(threads, "--threads");
        positive(hidden, "--hidden");
        if (hidden > MAX_UNITS) {
            throw new IllegalArgumentException("--hidden must be at most " + MAX_UNITS + ", got " + hidden);
        }
        positive(layers, "--layers");
        positive(repeats, "--repeats");
        if (guarantees.isEmpty()) {
            throw new IllegalArgumentException("--guarantee needs at least one of at-least-once, exactly-once");
        }
        guarantees = List.copyOf(guarantees.stream().distinct().toList());
        for (int h : sweep) {
            if (h < 1 || h > MAX_UNITS) {
                throw new IllegalArgumentException("--sweep sizes must be in [1, " + MAX_UNITS + "], got " + h);
            }
        }
        sweep = List.copyOf(sweep.stream().distinct().toList());
        if (categorical < 0 || categorical > MAX_UNITS) {
            throw new IllegalArgumentException("--sweep-categorical must be a hidden size in [1, " + MAX_UNITS
                    + "] or none, got " + categorical);
        }
        if (!(latencyRate > 0) || Double.isInfinite(latencyRate)) {
            throw new IllegalArgumentException("--latency-rate must be > 0, got " + latencyRate);
        }
        if (!(latencySeconds > 0) || Double.isInfinite(latencySeconds)) {
            throw new IllegalArgumentException("--latency-seconds must be > 0, got " + latencySeconds);
        }
        if (swapReleases < 0) {
            throw new IllegalArgumentException("--swap-releases must be >= 0, got " + swapReleases);
        }
        if (swapInterval.isNegative() || swapInterval.isZero()) {
            throw new IllegalArgumentException("--swap-interval must be > 0, got " + swapInterval);
        }
        if (restoreKeys < 0) {
            throw new IllegalArgumentException("--restore-keys must be >= 0, got " + restoreKeys);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("--timeout must be > 0, got " + timeout);
        }
        settings = Map.copyOf(settings);
    }

    private static void positive(long v, String option) {
        if (v < 1) {
            throw new IllegalArgumentException(option + " must be >= 1, got " + v);
        }
    }

    boolean embedded() {
        return bootstrapServers == null;
    }
}
