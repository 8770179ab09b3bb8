package io.seqscore.trainer.eval;

import io.seqscore.trainer.data.PreparedSeries;

import java.util.List;

/**
 * Compares forecasts with what came. Pair (q, s): the forecast of step s+1 made after event q, for the
 * event p = q+1+s. A pair counts when p is a validation event of the range and the network had folded at
 * least {@code warmup} events since {@code runFrom} when it made the forecast (q − runFrom + 1 ≥ warmup),
 * as the scorer does not flag before its warm-up. The accuracy metrics use the counted pairs for which
 * the seasonal-naive forecast exists inside the segment; loss and residuals use every counted pair.
 */
public final class ValidationEvaluator {
    private final int horizon;
    private final int outputDim;
    private final int warmup;
    private final int season;

    /**
     * @param season the seasonal-naive period m in events (1 makes it the last value)
     */
    public ValidationEvaluator(int horizon, int outputDim, int warmup, int season) {
        if (horizon < 1 || outputDim < 1 || warmup < 0 || season < 1) {
            throw new IllegalArgumentException("need horizon >= 1, outputDim >= 1, warmup >= 0, season >= 1, got "
                    + horizon + ", " + outputDim + ", " + warmup + ", " + season);
        }
        this.horizon = horizon;
        this.outputDim = outputDim;
        this.warmup = warmup;
        this.season = season;
    }

    public Evaluation evaluate(List<EvalRange> ranges, List<float[]> forecasts, double maseScale, boolean collect) {
        int outs = horizon * outputDim;
        ErrorSums[][] sums = new ErrorSums[Forecaster.values().length][horizon];
        for (ErrorSums[] row : sums) {
            for (int s = 0; s < horizon; s++) {
                row[s] = new ErrorSums();
            }
        }
        DoubleArray[] residuals = null;
        DoubleArray oneStep = null;
        if (collect) {
            residuals = new DoubleArray[outs];
            for (int i = 0; i < outs; i++) {
                residuals[i] = new DoubleArray();
            }
            oneStep = new DoubleArray();
        }
        double squares = 0;
        long count = 0;
        for (int k = 0; k < ranges.size(); k++) {
            EvalRange r = ranges.get(k);
            PreparedSeries series = r.series();
            float[] f = forecasts.get(k);
            int firstOrigin = r.runFrom() + Math.max(warmup, 1) - 1;
            for (int q = Math.max(firstOrigin, r.validationFrom() - horizon); q < r.segmentEnd() - 1; q++) {
                for (int s = 0; s < horizon; s++) {
                    int p = q + 1 + s;
                    if (p < r.validationFrom() || p >= r.segmentEnd()) {
                        continue;
                    }
                    int back = p - season * ((p - q + season - 1) / season);
                    boolean compared = back >= r.segmentStart();
                    for (int d = 0; d < outputDim; d++) {
                        double actual = series.z(p, d);
                        double e = actual - f[(q - r.runFrom()) * outs + s * outputDim + d];
                        squares += e * e;
                        count++;
                        if (collect) {
                            residuals[s * outputDim + d].add(e);
                            if (s == 0) {
                                oneStep.add(e);
                            }
                        }
                        if (compared) {
                            sums[Forecaster.MODEL.ordinal()][s].add(e);
                            sums[Forecaster.NAIVE.ordinal()][s].add(actual - series.z(q, d));
                            sums[Forecaster.SEASONAL_NAIVE.ordinal()][s].add(actual - series.z(back, d));
                        }
                    }
                }
            }
        }
        double[][] res = null;
        if (collect) {
            res = new double[outs][];
            for (int i = 0; i < outs; i++) {
                res[i] = residuals[i].toArray();
            }
        }
        return new Evaluation(count == 0 ? Double.NaN : squares / count, new ForecastMetrics(horizon, sums, maseScale),
                res, collect ? oneStep.toArray() : null);
    }

    /**
     * The MASE denominator: mean |x_p − x_{p−m}| over the training events p of every segment with p−m in
     * the same segment, every feature.
     */
    public static double seasonalScale(List<PreparedSeries> series, int outputDim, int season) {
        double sum = 0;
        long count = 0;
        for (PreparedSeries s : series) {
            for (int g = 0; g < s.segmentCount(); g++) {
                int a = s.segmentStart(g);
                int end = Math.min(s.segmentEnd(g), s.validationStart());
                for (int p = a + season; p < end; p++) {
                    for (int d = 0; d < outputDim; d++) {
                        sum += Math.abs(s.z(p, d) - s.z(p - season, d));
                        count++;
                    }
                }
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }
}
