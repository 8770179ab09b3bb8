package io.seqscore.model.core.anomaly;

import java.util.Arrays;

/**
 * A release's calibration, validated and held in flat arrays: how one-step residuals (in the
 * normalizer's units) become anomaly scores, and forecasts become intervals. Arrays of H·D values use
 * the forecast indexing s·D + d. Immutable.
 *
 * <pre>
 * z_d   = (r_d − center_d) / scale_d                    d < D, one-step residuals
 * s     = max_d |z_d|  (MAX_ABS)  or  sqrt(mean_d z_d²)  (RMS)
 * score = linear interpolation of s between the quantile knots q_k at probabilities k/(K−1)
 *         (0 below q_0, 1 at or above q_{K−1}); erf(s/√2) when there are no knots
 * interval_i = [f_i + lower_i·σ_d, f_i + upper_i·σ_d]   f = forecast in value units, σ = normalizer std
 * </pre>
 */
public final class ResidualCalibration {
    /** The release schema's default of {@code calibration.targetFpr}. */
    public static final double DEFAULT_TARGET_FPR = 0.01;
    /** How the D standardized residuals combine into one statistic. */
    public enum Statistic { MAX_ABS, RMS }

    private final double[] center;
    private final double[] scale;
    private final Statistic statistic;
    private final double[] quantiles;
    private final double threshold;
    private final double intervalCoverage;
    private final double[] intervalLower;
    private final double[] intervalUpper;
    private final int warmupSteps;
    private final double targetFpr;

    /** A calibration for the schema's default target false-positive rate, {@value #DEFAULT_TARGET_FPR}. */
    public ResidualCalibration(double[] center, double[] scale, Statistic statistic, double[] quantiles,
                               double threshold, double intervalCoverage, double[] intervalLower,
                               double[] intervalUpper, int warmupSteps) {
        this(center, scale, statistic, quantiles, threshold, intervalCoverage, intervalLower, intervalUpper, warmupSteps,
                DEFAULT_TARGET_FPR);
    }

    /**
     * @param targetFpr the share of events on data like the training data the release means to flag, in (0, 1)
     */
    public ResidualCalibration(double[] center, double[] scale, Statistic statistic, double[] quantiles,
                               double threshold, double intervalCoverage, double[] intervalLower,
                               double[] intervalUpper, int warmupSteps, double targetFpr) {
        int n = center.length;
        if (scale.length != n || intervalLower.length != n || intervalUpper.length != n || n == 0) {
            throw new IllegalArgumentException("center, scale, intervalLower and intervalUpper need the same positive"
                    + " length, got " + center.length + ", " + scale.length + ", " + intervalLower.length + ", "
                    + intervalUpper.length);
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(center[i])) {
                throw new IllegalArgumentException("calibration center[" + i + "] is not finite: " + center[i]);
            }
            if (!(scale[i] > 0) || !Double.isFinite(scale[i])) {
                throw new IllegalArgumentException("calibration scale[" + i + "] must be finite and > 0, got " + scale[i]);
            }
            if (!Double.isFinite(intervalLower[i]) || !Double.isFinite(intervalUpper[i])
                    || intervalLower[i] > intervalUpper[i]) {
                throw new IllegalArgumentException("calibration interval [" + i + "] must be finite with lower <= upper, got ["
                        + intervalLower[i] + ", " + intervalUpper[i] + "]");
            }
        }
        if (quantiles.length == 1) {
            throw new IllegalArgumentException("calibration scoreQuantiles needs 0 or at least 2 knots, got 1");
        }
        for (int k = 0; k < quantiles.length; k++) {
            if (!Double.isFinite(quantiles[k])) {
                throw new IllegalArgumentException("calibration scoreQuantiles[" + k + "] is not finite: " + quantiles[k]);
            }
            if (k > 0 && quantiles[k] < quantiles[k - 1]) {
                throw new IllegalArgumentException("calibration scoreQuantiles must be non-decreasing, but ["
                        + (k - 1) + "] = " + quantiles[k - 1] + " > [" + k + "] = " + quantiles[k]);
            }
        }
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("calibration threshold must be in [0, 1], got " + threshold);
        }
        if (!(intervalCoverage > 0 && intervalCoverage < 1)) {
            throw new IllegalArgumentException("calibration intervalCoverage must be in (0, 1), got " + intervalCoverage);
        }
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("calibration warmupSteps must be >= 0, got " + warmupSteps);
        }
        if (!(targetFpr > 0 && targetFpr < 1)) {
            throw new IllegalArgumentException("calibration targetFpr must be in (0, 1), got " + targetFpr);
        }
        this.center = center.clone();
        this.scale = scale.clone();
        this.statistic = java.util.Objects.requireNonNull(statistic, "statistic");
        this.quantiles = quantiles.clone();
        this.threshold = threshold;
        this.intervalCoverage = intervalCoverage;
        this.intervalLower = intervalLower.clone();
        this.intervalUpper = intervalUpper.clone();
        this.warmupSteps = warmupSteps;
        this.targetFpr = targetFpr;
    }

    /** H·D. */
    public int size() {
        return center.length;
    }

    public double center(int i) {
        return center[i];
    }

    public double scale(int i) {
        return scale[i];
    }

    public Statistic statistic() {
        return statistic;
    }

    /** K knots of the statistic's empirical distribution; 0 means the Gaussian map erf(s/√2). */
    public int quantileCount() {
        return quantiles.length;
    }

    public double quantile(int k) {
        return quantiles[k];
    }

    public double threshold() {
        return threshold;
    }

    public double intervalCoverage() {
        return intervalCoverage;
    }

    public double intervalLower(int i) {
        return intervalLower[i];
    }

    public double intervalUpper(int i) {
        return intervalUpper[i];
    }

    public int warmupSteps() {
        return warmupSteps;
    }

    /** The share of events on data like the training data the release means to flag. */
    public double targetFpr() {
        return targetFpr;
    }

    @Override
    public String toString() {
        return "ResidualCalibration[center=" + Arrays.toString(center) + ", scale=" + Arrays.toString(scale)
                + ", " + statistic + ", " + quantiles.length + " knots, threshold=" + threshold + ", warmup="
                + warmupSteps + "]";
    }
}
