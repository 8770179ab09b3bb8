package io.seqscore.trainer.eval;

/**
 * The model against the last-value and seasonal-naive forecasts on one set of forecast-target pairs: the mean
 * absolute error of each, in normalized units, over every horizon step.
 *
 * @param season  the seasonal-naive period m in events
 * @param pairs   forecast-target pairs compared (one per step and value)
 * @param heldOut whether the pairs are events the network was not trained on
 */
public record BaselineComparison(double modelMae, double lastValueMae, double seasonalNaiveMae, int season,
                                 long pairs, boolean heldOut) {

    /** The validation part's comparison: the metrics over every step, on events held out of training. */
    public static BaselineComparison heldOut(ForecastMetrics m, int season) {
        long pairs = 0;
        for (int s = 1; s <= m.horizon(); s++) {
            pairs += m.count(s);
        }
        return new BaselineComparison(m.mae(Forecaster.MODEL, 0), m.mae(Forecaster.NAIVE, 0),
                m.mae(Forecaster.SEASONAL_NAIVE, 0), season, pairs, true);
    }

    /** Adds up the three forecasts' absolute errors pair by pair. */
    public static final class Sums {
        private final ErrorSums model = new ErrorSums();
        private final ErrorSums lastValue = new ErrorSums();
        private final ErrorSums seasonalNaive = new ErrorSums();

        public void add(double modelError, double lastValueError, double seasonalNaiveError) {
            model.add(modelError);
            lastValue.add(lastValueError);
            seasonalNaive.add(seasonalNaiveError);
        }

        public BaselineComparison comparison(int season, boolean heldOut) {
            long n = model.count();
            return new BaselineComparison(n == 0 ? Double.NaN : model.mae(), n == 0 ? Double.NaN : lastValue.mae(),
                    n == 0 ? Double.NaN : seasonalNaive.mae(), season, n, heldOut);
        }
    }
}
