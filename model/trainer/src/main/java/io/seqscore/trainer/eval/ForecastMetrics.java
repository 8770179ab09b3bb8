package io.seqscore.trainer.eval;

/**
 * Validation accuracy per horizon step, in normalized units (so keys of any scale weigh alike), on the
 * pairs where every forecaster has a forecast. MASE divides a MAE by the in-sample MAE of the
 * seasonal-naive one-step forecast on the training events (Hyndman and Koehler, 2006).
 */
public final class ForecastMetrics {
    private final int horizon;
    private final ErrorSums[][] sums;
    private final double maseScale;

    ForecastMetrics(int horizon, ErrorSums[][] sums, double maseScale) {
        this.horizon = horizon;
        this.sums = sums;
        this.maseScale = maseScale;
    }

    public int horizon() {
        return horizon;
    }

    /** Forecast-target pairs compared at horizon step s (1-based). */
    public long count(int step) {
        return sums[0][step - 1].count();
    }

    /** MAE of {@code f} at step s (1 … H), or over all steps for s = 0. */
    public double mae(Forecaster f, int step) {
        return of(f, step).mae();
    }

    public double rmse(Forecaster f, int step) {
        return of(f, step).rmse();
    }

    /** MAE / in-sample seasonal-naive MAE; NaN when that scale is 0 (a constant training series). */
    public double mase(Forecaster f, int step) {
        return maseScale > 0 ? mae(f, step) / maseScale : Double.NaN;
    }

    public double maseScale() {
        return maseScale;
    }

    private ErrorSums of(Forecaster f, int step) {
        if (step < 0 || step > horizon) {
            throw new IllegalArgumentException("step must be in [0, " + horizon + "], got " + step);
        }
        if (step > 0) {
            return sums[f.ordinal()][step - 1];
        }
        ErrorSums all = new ErrorSums();
        for (ErrorSums s : sums[f.ordinal()]) {
            all.addAll(s);
        }
        return all;
    }
}
