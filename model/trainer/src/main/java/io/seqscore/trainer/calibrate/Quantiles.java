package io.seqscore.trainer.calibrate;

import java.util.Arrays;

/**
 * Sample quantiles of sorted data, linearly interpolated between order statistics (Hyndman and Fan's
 * type 7, the default of R and NumPy): q(p) = x_⌊h⌋ + (h − ⌊h⌋)(x_⌊h⌋+1 − x_⌊h⌋), h = (N−1)·p, 0-based.
 */
public final class Quantiles {
    private Quantiles() {
    }

    public static double[] sorted(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v;
    }

    /** @param sorted ascending, non-empty */
    public static double of(double[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no value to take a quantile of");
        }
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1], got " + p);
        }
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        if (lo >= sorted.length - 1) {
            return sorted[sorted.length - 1];
        }
        return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
    }

    public static double median(double[] sorted) {
        return of(sorted, 0.5);
    }
}
