package io.seqscore.trainer.generate;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

/**
 * The shape of a {@link SyntheticWorkload}. Steps are counted from the Unix epoch: step n is the event at
 * time n · {@code stepMillis}.
 *
 * @param keys               number of series, named {@code keyPrefix} + a zero-padded index
 * @param period             steps per season
 * @param stepMillis         event-time distance of two steps
 * @param seed               everything random is a function of it
 * @param noise              noise σ of a key as a fraction of its seasonal amplitude
 * @param trend              amplitude of the slow trend as a fraction of the seasonal amplitude
 * @param trendCycle         seasons per cycle of the trend (it rises, then falls, so a live stream stays bounded)
 * @param anomalyBlock       steps per block: each key has at most one anomaly per block, never touching the
 *                           block's first or last step
 * @param anomalyProbability chance that a key has an anomaly in a block
 * @param kinds              the kinds injected, drawn with equal chance
 * @param spikeSigma         |spike| in noise σ
 * @param shiftSigma         |level shift| in noise σ
 * @param varianceFactor     noise factor of a variance change
 * @param minEpisode         shortest level shift, variance change or frozen episode (steps)
 * @param maxEpisode         longest one (steps)
 */
public record WorkloadSpec(int keys, String keyPrefix, int period, long stepMillis, long seed, double noise,
                           double trend, int trendCycle, int anomalyBlock, double anomalyProbability,
                           List<AnomalyKind> kinds, double spikeSigma, double shiftSigma, double varianceFactor,
                           int minEpisode, int maxEpisode) {
    public WorkloadSpec {
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        require(!Objects.requireNonNull(kinds, "kinds").isEmpty(), "at least one anomaly kind is needed");
        kinds = List.copyOf(EnumSet.copyOf(kinds));
        require(keys >= 1, "keys must be >= 1, got " + keys);
        require(period >= 2, "period must be >= 2 steps, got " + period);
        require(stepMillis >= 1, "step must be >= 1 ms, got " + stepMillis);
        require(noise >= 0 && Double.isFinite(noise), "noise must be >= 0, got " + noise);
        require(trend >= 0 && Double.isFinite(trend), "trend must be >= 0, got " + trend);
        require(trendCycle >= 1, "trend cycle must be >= 1 season, got " + trendCycle);
        require(anomalyProbability >= 0 && anomalyProbability <= 1,
                "anomaly probability must be in [0, 1], got " + anomalyProbability);
        require(spikeSigma >= 0 && shiftSigma >= 0, "spike and shift sizes must be >= 0");
        require(varianceFactor > 0 && Double.isFinite(varianceFactor),
                "variance factor must be > 0, got " + varianceFactor);
        require(minEpisode >= 1 && minEpisode <= maxEpisode,
                "episode lengths must satisfy 1 <= min <= max, got " + minEpisode + ".." + maxEpisode);
        require(anomalyBlock >= maxEpisode + 2,
                "the anomaly block (" + anomalyBlock + " steps) must exceed the longest episode by 2");
    }

    /**
     * The demo's workload: 24 keys, one event a second, a season of a minute, a trend cycle of 40 minutes,
     * and about one anomaly per key every 8 minutes (4-minute blocks, probability ½).
     */
    public static WorkloadSpec demo() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The name of key {@code k}: the prefix and k zero-padded to the width of the largest index. */
    public String key(int k) {
        int width = Integer.toString(keys - 1).length();
        String index = Integer.toString(k);
        return keyPrefix + "0".repeat(Math.max(0, width - index.length())) + index;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Starts from {@link #demo()}'s values. */
    public static final class Builder {
        private int keys = 24;
        private String keyPrefix = "sensor-";
        private int period = 60;
        private long stepMillis = 1000;
        private long seed = 42;
        private double noise = 0.05;
        private double trend = 0.5;
        private int trendCycle = 40;
        private int anomalyBlock = 240;
        private double anomalyProbability = 0.5;
        private List<AnomalyKind> kinds = List.of(AnomalyKind.values());
        private double spikeSigma = 8;
        private double shiftSigma = 6;
        private double varianceFactor = 5;
        private int minEpisode = 15;
        private int maxEpisode = 45;

        private Builder() {
        }

        public Builder keys(int v) {
            keys = v;
            return this;
        }

        public Builder keyPrefix(String v) {
            keyPrefix = v;
            return this;
        }

        public Builder period(int v) {
            period = v;
            return this;
        }

        public Builder stepMillis(long v) {
            stepMillis = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder noise(double v) {
            noise = v;
            return this;
        }

        public Builder trend(double v) {
            trend = v;
            return this;
        }

        public Builder trendCycle(int v) {
            trendCycle = v;
            return this;
        }

        public Builder anomalyBlock(int v) {
            anomalyBlock = v;
            return this;
        }

        public Builder anomalyProbability(double v) {
            anomalyProbability = v;
            return this;
        }

        public Builder kinds(List<AnomalyKind> v) {
            kinds = v;
            return this;
        }

        public Builder spikeSigma(double v) {
            spikeSigma = v;
            return this;
        }

        public Builder shiftSigma(double v) {
            shiftSigma = v;
            return this;
        }

        public Builder varianceFactor(double v) {
            varianceFactor = v;
            return this;
        }

        public Builder episodes(int min, int max) {
            minEpisode = min;
            maxEpisode = max;
            return this;
        }

        /** @throws IllegalArgumentException naming the first setting out of range */
        public WorkloadSpec build() {
            return new WorkloadSpec(keys, keyPrefix, period, stepMillis, seed, noise, trend, trendCycle, anomalyBlock,
                    anomalyProbability, kinds, spikeSigma, shiftSigma, varianceFactor, minEpisode, maxEpisode);
        }
    }
}
