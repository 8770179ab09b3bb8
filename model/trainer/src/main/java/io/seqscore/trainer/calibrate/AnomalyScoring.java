package io.seqscore.trainer.calibrate;

/**
 * The map from one-step residuals to an anomaly score that the release's Calibration defines and the
 * scorer applies:
 * <pre>
 *   z_d = (r_d − center_d) / scale_d                      d &lt; D (one-step indices)
 *   s   = max_d |z_d|  (MAX_ABS)   or   √(mean_d z_d²)  (RMS)
 *   score = erf(s/√2)                                    when there are no score quantiles
 *         = the probability interpolated linearly between the quantile knots around s (0 below the
 *           first, 1 at or above the last)               otherwise (knot k at probability k/(K−1))
 * </pre>
 * An event is flagged when score ≥ threshold.
 */
public final class AnomalyScoring {
    private static final double SQRT_HALF = Math.sqrt(0.5);

    private final double[] center;
    private final double[] scale;
    private final ScoreStatistic statistic;
    private final double[] knots;

    /**
     * @param center the first D values of the calibration's center (one-step)
     * @param scale  the first D values of its scale
     * @param knots  the score quantiles (may be empty)
     */
    public AnomalyScoring(double[] center, double[] scale, ScoreStatistic statistic, double[] knots) {
        if (center.length == 0 || center.length != scale.length) {
            throw new IllegalArgumentException("center and scale need the same positive length, got "
                    + center.length + " and " + scale.length);
        }
        if (knots.length == 1) {
            throw new IllegalArgumentException("score quantiles need at least 2 knots or none");
        }
        this.center = center.clone();
        this.scale = scale.clone();
        this.statistic = statistic;
        this.knots = knots.clone();
    }

    public int dimension() {
        return center.length;
    }

    /** The statistic s of the D residuals at {@code r[off .. off+D)}. */
    public double statistic(double[] r, int off) {
        double acc = 0;
        for (int d = 0; d < center.length; d++) {
            double z = (r[off + d] - center[d]) / scale[d];
            acc = statistic == ScoreStatistic.MAX_ABS ? Math.max(acc, Math.abs(z)) : acc + z * z;
        }
        return statistic == ScoreStatistic.MAX_ABS ? acc : Math.sqrt(acc / center.length);
    }

    /** The anomaly score in [0, 1] of a statistic s ≥ 0. */
    public double score(double s) {
        if (knots.length == 0) {
            return Erf.erf(s * SQRT_HALF);
        }
        if (s < knots[0]) {
            return 0;
        }
        int last = knots.length - 1;
        if (s >= knots[last]) {
            return 1;
        }
        int lo = 0;
        int hi = last;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (knots[mid] <= s) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double frac = (s - knots[lo]) / (knots[hi] - knots[lo]);
        return (lo + frac) / last;
    }

    public double score(double[] r, int off) {
        return score(statistic(r, off));
    }
}
