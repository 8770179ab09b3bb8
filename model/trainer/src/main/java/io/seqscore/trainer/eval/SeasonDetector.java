package io.seqscore.trainer.eval;

import io.seqscore.trainer.data.PreparedSeries;

import java.util.List;

/**
 * Finds the season m of the seasonal-naive baseline from the training events: the sample
 * autocorrelation, pooled over every segment and feature,
 * <pre>
 *   acf(l) = Σ (x_p − x̄)(x_{p−l} − x̄) / Σ (x_p − x̄)²      (x̄ the segment's mean)
 * </pre>
 * for lags 2 … maxLag; m is the lag of the highest local maximum with acf ≥ {@link #MIN_ACF}, or 1 (the
 * last value) when there is none.
 */
public final class SeasonDetector {
    static final double MIN_ACF = 0.3;

    private SeasonDetector() {
    }

    public static int detect(List<PreparedSeries> series, int dimension, int maxLag) {
        double[] acf = autocorrelation(series, dimension, maxLag);
        int best = 1;
        double bestValue = MIN_ACF;
        for (int l = 2; l < maxLag; l++) {
            if (acf[l] >= bestValue && acf[l] > acf[l - 1] && acf[l] >= acf[l + 1] && (best == 1 || acf[l] > bestValue)) {
                best = l;
                bestValue = acf[l];
            }
        }
        return best;
    }

    /** acf[l] for l = 0 … maxLag (acf[0] = 1 when there is any variance, else all 0). */
    static double[] autocorrelation(List<PreparedSeries> series, int dimension, int maxLag) {
        double[] num = new double[maxLag + 1];
        double den = 0;
        for (PreparedSeries s : series) {
            for (int g = 0; g < s.segmentCount(); g++) {
                int a = s.segmentStart(g);
                int end = Math.min(s.segmentEnd(g), s.validationStart());
                int len = end - a;
                if (len < 2) {
                    continue;
                }
                for (int d = 0; d < dimension; d++) {
                    double mean = 0;
                    for (int p = a; p < end; p++) {
                        mean += s.z(p, d);
                    }
                    mean /= len;
                    for (int p = a; p < end; p++) {
                        double x = s.z(p, d) - mean;
                        den += x * x;
                        for (int l = 0, top = Math.min(maxLag, p - a); l <= top; l++) {
                            num[l] += x * (s.z(p - l, d) - mean);
                        }
                    }
                }
            }
        }
        double[] acf = new double[maxLag + 1];
        if (den > 0) {
            for (int l = 0; l <= maxLag; l++) {
                acf[l] = num[l] / den;
            }
        }
        return acf;
    }
}
