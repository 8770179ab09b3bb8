package io.seqscore.model.core.anomaly;

import io.seqscore.model.core.math.ErrorFunction;

/**
 * From one-step residuals to an anomaly score in [0, 1]. Pure functions over caller-owned arrays;
 * nothing is allocated.
 *
 * <pre>
 * calibrated  z_d = (r_d − center_d) / scale_d                          r in the normalizer's units
 * by key      z'_d = (z_d − μ_d) / sqrt(max(v_d, MIN_VARIANCE))          μ, v: the key's EWMA of z
 * statistic   s = max_d |z_d|   or   sqrt(Σ_d z_d² / D)
 * score       = knots q_0..q_{K−1} at probabilities k/(K−1): 0 for s < q_0, 1 for s ≥ q_{K−1},
 *               else (k + (s − q_k)/(q_{k+1} − q_k)) / (K−1) for q_k ≤ s < q_{k+1};
 *               without knots erf(s/√2) = 2Φ(s) − 1, the two-sided Gaussian probability
 * EWMA        δ = z − μ;  μ ← μ + αδ;  v ← (1 − α)(v + αδ²)              (West 1979; Finch 2009)
 * </pre>
 */
public final class AnomalyScorer {
    /** Floor of a key's residual variance: a key with (near) constant residuals is not divided by ~0. */
    public static final double MIN_VARIANCE = 1e-6;
    private static final double SQRT_HALF = 0.7071067811865476;

    private AnomalyScorer() {
    }

    /** z_d = (r_d − center_d) / scale_d for d < dims. */
    public static void standardize(double[] r, ResidualCalibration cal, int dims, double[] z) {
        for (int d = 0; d < dims; d++) {
            z[d] = (r[d] - cal.center(d)) / cal.scale(d);
        }
    }

    /**
     * The event's step-1 residuals standardized by its release's calibration: r_d = (observed_d − forecast_d) / σ_d
     * into {@code residual}, then z_d = (r_d − center_d) / scale_d into {@code z}, for d &lt; the event's dims.
     */
    public static void calibratedResiduals(DetectorEvent event, double[] residual, double[] z) {
        int dims = event.dims;
        float[] f = event.forecast;
        for (int d = 0; d < dims; d++) {
            residual[d] = (event.observed[d] - f[d]) / event.sigma[d];
        }
        standardize(residual, event.calibration, dims, z);
    }

    /** z'_d = (z_d − μ_d) / sqrt(max(v_d, MIN_VARIANCE)) for d < dims. */
    public static void standardizeByKey(double[] z, float[] mean, float[] variance, int dims, double[] out) {
        for (int d = 0; d < dims; d++) {
            out[d] = (z[d] - mean[d]) / Math.sqrt(Math.max(variance[d], MIN_VARIANCE));
        }
    }

    /** Folds z into the key's running statistics, stored as floats. */
    public static void updateRunning(double[] z, float[] mean, float[] variance, int dims, double alpha) {
        for (int d = 0; d < dims; d++) {
            double delta = z[d] - mean[d];
            mean[d] = (float) (mean[d] + alpha * delta);
            variance[d] = (float) ((1 - alpha) * (variance[d] + alpha * delta * delta));
        }
    }

    /** The statistic s ≥ 0 of z[0..dims). */
    public static double statistic(ResidualCalibration.Statistic kind, double[] z, int dims) {
        double s = 0;
        if (kind == ResidualCalibration.Statistic.MAX_ABS) {
            for (int d = 0; d < dims; d++) {
                s = Math.max(s, Math.abs(z[d]));
            }
            return s;
        }
        for (int d = 0; d < dims; d++) {
            s += z[d] * z[d];
        }
        return Math.sqrt(s / dims);
    }

    /** The anomaly score of a statistic under a calibration (its knots, or the Gaussian map). */
    public static double probability(double s, ResidualCalibration cal) {
        int knots = cal.quantileCount();
        if (knots == 0) {
            return erf(s * SQRT_HALF);
        }
        if (s < cal.quantile(0)) {
            return 0.0;
        }
        if (s >= cal.quantile(knots - 1)) {
            return 1.0;
        }
        int lo = 0;
        int hi = knots - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (cal.quantile(mid) <= s) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double qLo = cal.quantile(lo);
        double qHi = cal.quantile(hi);
        return (lo + (s - qLo) / (qHi - qLo)) / (knots - 1);
    }

    /**
     * The error function, to about 1e-15, by {@link ErrorFunction#series}; erf(x) rounds to 1 in double for
     * x ≥ 6. Odd in x.
     */
    public static double erf(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        double a = Math.abs(x);
        if (a >= 6.0) {
            return Math.copySign(1.0, x);
        }
        return Math.copySign(Math.min(1.0, ErrorFunction.series(a)), x);
    }
}
