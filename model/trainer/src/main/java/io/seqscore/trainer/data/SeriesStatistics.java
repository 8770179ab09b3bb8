package io.seqscore.trainer.data;

import io.seqscore.trainer.TrainerException;
import io.seqscore.trainer.source.RawSeries;

import java.util.Arrays;
import java.util.List;

/**
 * The scaling and spacing of univariate keys' rows, as the in-sample training job fits them (over every key
 * pooled, or per key) for a release's normalizer and a seasonal kind's spacing:
 * <pre>
 *   μ = mean of the rows' values                     σ = √(Σ (v − μ)² / N)   (population std)
 *   σ floor: if σ &lt; 1e−6 · max(1, |μ|) then σ = max(1e−6, 0.01 · |μ| + 1e−6)
 *   spacing = the median gap between consecutive rows of a key (arrival order; the upper one of an even
 *             count), over all keys, at least {@link #MIN_SPACING_MILLIS}; {@link #MIN_SPACING_MILLIS} without a gap
 * </pre>
 * Sums run in double; μ and σ are then stored as float, the precision of the release's normalizer.
 *
 * @param spacingMillis the typical time between a key's events, in ms
 */
public record SeriesStatistics(float mean, float std, long spacingMillis) {
    /** One minute: the least spacing, so that data with repeated timestamps still looks one step ahead. */
    public static final long MIN_SPACING_MILLIS = 60_000;

    /** @param keys the training rows of each key, in arrival order, one value per row */
    public static SeriesStatistics fit(List<RawSeries> keys) {
        long rows = 0;
        int gapCount = 0;
        double sum = 0;
        for (RawSeries s : keys) {
            requireUnivariate(s);
            rows += s.size();
            gapCount += Math.max(0, s.size() - 1);
            for (double v : s.values()) {
                sum += v;
            }
        }
        if (rows == 0) {
            throw new TrainerException("no training row to fit the normalizer on");
        }
        double mean = sum / rows;
        double squares = 0;
        for (RawSeries s : keys) {
            for (double v : s.values()) {
                squares += (v - mean) * (v - mean);
            }
        }
        double std = Math.sqrt(squares / rows);
        if (std < 1e-6 * Math.max(1, Math.abs(mean))) {
            std = Math.max(1e-6, Math.abs(mean) * 0.01 + 1e-6);
        }
        long[] gaps = new long[gapCount];
        int g = 0;
        for (RawSeries s : keys) {
            long[] t = s.times();
            for (int i = 1; i < t.length; i++) {
                gaps[g++] = t[i] - t[i - 1];
            }
        }
        Arrays.sort(gaps);
        long spacing = gaps.length == 0 ? MIN_SPACING_MILLIS : Math.max(MIN_SPACING_MILLIS, gaps[gaps.length / 2]);
        return new SeriesStatistics((float) mean, (float) std, spacing);
    }

    public static void requireUnivariate(RawSeries s) {
        if (s.dimension() != 1) {
            throw new TrainerException("training on every event needs one value per event; key '" + s.key()
                    + "' has " + s.dimension());
        }
    }
}
