package io.seqscore.trainer.calibrate;

import io.seqscore.trainer.TrainerException;

import java.util.Arrays;

/**
 * Fits a {@link CalibrationResult} on validation residuals (normalized units):
 * <pre>
 *   center_i = median(r_i)
 *   scale_i  = 1.4826 · median|r_i − center_i|   (MAD)   or   √(mean (r_i − mean r_i)²)   (STD); at least 1e-6
 *   intervalLower_i, intervalUpper_i = type-7 quantiles of r_i at (1 ∓ coverage)/2
 *   scores u_e of the N validation events by {@link AnomalyScoring} (knots: the statistic's quantiles at k/(K−1))
 *   threshold: with k = max(1, round(targetFpr·N)) and u sorted ascending, the midpoint of u_(N−k) and
 *              u_(N−k+1) (0-based u_[N−k−1], u_[N−k]), so that exactly the k highest are ≥ it when they
 *              are distinct from the rest; u_[N−k] itself when they tie
 * </pre>
 */
public final class Calibrator {
    static final double MAD_TO_SIGMA = 1.4826;
    static final double MIN_SCALE = 1e-6;

    private Calibrator() {
    }

    /**
     * @param residuals per forecast index i = s·D+d, that index's residuals
     * @param oneStep   the D one-step residuals of each scored event, in a row
     */
    public static CalibrationResult fit(double[][] residuals, double[] oneStep, int outputDim, CalibrationOptions o) {
        int outs = residuals.length;
        int events = oneStep.length / outputDim;
        if (events == 0) {
            throw new TrainerException("no validation event to calibrate on after the warm-up of "
                    + o.warmupSteps() + " events (shorten --warmup-steps or add validation data)");
        }
        double[] center = new double[outs];
        double[] scale = new double[outs];
        double[] lower = new double[outs];
        double[] upper = new double[outs];
        for (int i = 0; i < outs; i++) {
            double[] sorted = Quantiles.sorted(residuals[i]);
            if (sorted.length == 0) {
                throw new TrainerException("no validation residual for horizon step " + (i / outputDim + 1)
                        + ": the validation segments are shorter than the horizon");
            }
            center[i] = Quantiles.median(sorted);
            scale[i] = Math.max(MIN_SCALE, o.scaleEstimator() == ScaleEstimator.MAD
                    ? MAD_TO_SIGMA * mad(sorted, center[i])
                    : std(sorted));
            lower[i] = Quantiles.of(sorted, (1 - o.intervalCoverage()) / 2);
            upper[i] = Quantiles.of(sorted, (1 + o.intervalCoverage()) / 2);
        }
        double[] oneCenter = Arrays.copyOf(center, outputDim);
        double[] oneScale = Arrays.copyOf(scale, outputDim);
        double[] statistics = new double[events];
        AnomalyScoring plain = new AnomalyScoring(oneCenter, oneScale, o.statistic(), new double[0]);
        for (int e = 0; e < events; e++) {
            statistics[e] = plain.statistic(oneStep, e * outputDim);
        }
        double[] knots = new double[o.scoreQuantiles()];
        if (knots.length > 0) {
            double[] sortedStats = Quantiles.sorted(statistics);
            for (int k = 0; k < knots.length; k++) {
                knots[k] = Quantiles.of(sortedStats, (double) k / (knots.length - 1));
            }
        }
        AnomalyScoring scoring = new AnomalyScoring(oneCenter, oneScale, o.statistic(), knots);
        double[] scores = new double[events];
        for (int e = 0; e < events; e++) {
            scores[e] = scoring.score(statistics[e]);
        }
        double threshold = threshold(scores, o.targetFpr());
        long flagged = 0;
        for (double u : scores) {
            if (u >= threshold) {
                flagged++;
            }
        }
        return new CalibrationResult(center, scale, o.scaleEstimator(), o.statistic(), knots, threshold, o.targetFpr(),
                o.intervalCoverage(), lower, upper, o.warmupSteps(), events, (double) flagged / events);
    }

    static double threshold(double[] scores, double targetFpr) {
        double[] u = Quantiles.sorted(scores);
        int n = u.length;
        int k = (int) Math.max(1, Math.min(n, Math.round(targetFpr * n)));
        double top = u[n - k];
        if (k == n) {
            return top;
        }
        double below = u[n - k - 1];
        double mid = below + (top - below) / 2;
        return mid > below ? mid : top;
    }

    private static double mad(double[] sorted, double center) {
        double[] dev = new double[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            dev[i] = Math.abs(sorted[i] - center);
        }
        Arrays.sort(dev);
        return Quantiles.median(dev);
    }

    private static double std(double[] values) {
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= values.length;
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        return Math.sqrt(ss / values.length);
    }
}
