package io.seqscore.app.evaluate.m4;

/**
 * M4's accuracy measures of one forecast, or their averages over series:
 * <pre>
 *   sMAPE = (100/h) Σ_{s=1..h} 2|y_s − ŷ_s| / (|y_s| + |ŷ_s|)
 *   MASE  = ((1/h) Σ_{s=1..h} |y_s − ŷ_s|) / ((1/(n−m)) Σ_{t=m+1..n} |x_t − x_{t−m}|)
 *   OWA   = ½ (sMAPE / sMAPE_Naive2 + MASE / MASE_Naive2)      from the averages over series
 * </pre>
 * x = x_1..x_n the series the forecast was made from, m its seasonality, y the h actual values.
 */
public record M4Accuracy(double smape, double mase) {

    /** The measures of {@code forecast} against {@code actual}, made from {@code insample} with seasonality m. */
    public static M4Accuracy of(double[] insample, double[] actual, double[] forecast, int m) {
        int h = actual.length;
        if (forecast.length != h || h == 0) {
            throw new IllegalArgumentException("need as many forecast values as actual ones (> 0), got "
                    + forecast.length + " and " + h);
        }
        if (insample.length <= m) {
            throw new IllegalArgumentException("MASE needs more than m = " + m + " in-sample values, got " + insample.length);
        }
        double ape = 0;
        double ae = 0;
        for (int s = 0; s < h; s++) {
            double e = Math.abs(actual[s] - forecast[s]);
            ape += 2 * e / (Math.abs(actual[s]) + Math.abs(forecast[s]));
            ae += e;
        }
        double scale = 0;
        for (int t = m; t < insample.length; t++) {
            scale += Math.abs(insample[t] - insample[t - m]);
        }
        scale /= insample.length - m;
        return new M4Accuracy(100 * ape / h, (ae / h) / scale);
    }

    /** The mean of each measure over the series. */
    public static M4Accuracy mean(Iterable<M4Accuracy> perSeries) {
        double smape = 0;
        double mase = 0;
        int count = 0;
        for (M4Accuracy a : perSeries) {
            smape += a.smape;
            mase += a.mase;
            count++;
        }
        if (count == 0) {
            throw new IllegalArgumentException("no series to average");
        }
        return new M4Accuracy(smape / count, mase / count);
    }

    /** M4's overall weighted average of this (averaged) accuracy relative to Naive2's. */
    public double owa(M4Accuracy naive2) {
        return 0.5 * (smape / naive2.smape + mase / naive2.mase);
    }
}
