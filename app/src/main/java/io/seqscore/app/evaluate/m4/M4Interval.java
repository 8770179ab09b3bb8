package io.seqscore.app.evaluate.m4;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * M4's measures of a 95 % prediction interval [L, U] over series x_1..x_n with seasonality m and actual values y:
 * <pre>
 *   coverage = share of the y_s with L_s ≤ y_s ≤ U_s, over every series' values
 *   MSIS     = ((1/h) Σ_s (U_s − L_s) + (2/α)(L_s − y_s)·[y_s &lt; L_s] + (2/α)(y_s − U_s)·[y_s &gt; U_s])
 *              / ((1/(n−m)) Σ_{t=m+1..n} |x_t − x_{t−m}|),     α = 0.05, averaged over the series
 * </pre>
 * and M4's seasonal-naive interval: the seasonal-naive forecast ± 1.96·sd·√(⌊(s−1)/m⌋ + 1), sd the root mean
 * square of the in-sample seasonal differences x_t − x_{t−m}.
 */
final class M4Interval {
    static final double ALPHA = 0.05;
    private static final double Z = 1.96;

    private double msis;
    private long inside;
    private long values;
    private int series;

    /** Adds one series' interval. */
    void add(double[] insample, double[] actual, double[] lower, double[] upper, int m) {
        double sum = 0;
        for (int s = 0; s < actual.length; s++) {
            double y = actual[s];
            sum += upper[s] - lower[s] + (y < lower[s] ? 2 / ALPHA * (lower[s] - y) : 0)
                    + (y > upper[s] ? 2 / ALPHA * (y - upper[s]) : 0);
            inside += y >= lower[s] && y <= upper[s] ? 1 : 0;
            values++;
        }
        msis += sum / actual.length / seasonalScale(insample, m);
        series++;
    }

    double coverage() {
        return (double) inside / values;
    }

    double msis() {
        return msis / series;
    }

    /** The seasonal-naive interval's bounds, {lower, upper}, for h steps. */
    static double[][] seasonalNaive(double[] x, int h, int m) {
        double[] f = M4Benchmarks.seasonalNaive(x, h, m);
        double sq = 0;
        for (int t = m; t < x.length; t++) {
            sq += (x[t] - x[t - m]) * (x[t] - x[t - m]);
        }
        double sd = Math.sqrt(sq / (x.length - m));
        double[][] bounds = new double[2][h];
        for (int s = 0; s < h; s++) {
            double w = Z * sd * Math.sqrt(s / m + 1);
            bounds[0][s] = f[s] - w;
            bounds[1][s] = f[s] + w;
        }
        return bounds;
    }

    /**
     * The hold-out table of the served intervals (lower.get(i), upper.get(i) of series i of {@code fitted}) beside
     * seasonal naive's; {@code source} says where the served interval comes from.
     */
    static List<String> lines(List<M4Series> fitted, List<double[]> actual, List<double[]> lower,
                              List<double[]> upper, int m, String source) {
        M4Interval served = new M4Interval();
        M4Interval naive = new M4Interval();
        for (int i = 0; i < fitted.size(); i++) {
            double[] x = fitted.get(i).values();
            double[] y = actual.get(i);
            served.add(x, y, lower.get(i), upper.get(i), m);
            double[][] n = seasonalNaive(x, y.length, m);
            naive.add(x, y, n[0], n[1], m);
        }
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "95%% interval (%s)", source));
        out.add(String.format(Locale.ROOT, "%-16s %8s %8s", "interval", "coverage", "MSIS"));
        out.add(String.format(Locale.ROOT, "%-16s %8.3f %8.3f", "seqscore", served.coverage(), served.msis()));
        out.add(String.format(Locale.ROOT, "%-16s %8.3f %8.3f", "seasonal naive", naive.coverage(), naive.msis()));
        return out;
    }

    private static double seasonalScale(double[] x, int m) {
        double scale = 0;
        for (int t = m; t < x.length; t++) {
            scale += Math.abs(x[t] - x[t - m]);
        }
        return scale / (x.length - m);
    }
}
