package io.seqscore.app.evaluate.m4;

/**
 * M4's reference forecasts of a series x_1..x_n with seasonality m, as the competition's benchmark code
 * computes them.
 * <pre>
 * seasonal naive   ŷ_{n+s} = x_{n−m+((s−1) mod m)+1}
 * Naive2           ŷ_{n+s} = (x_n / I_{n mod m}) · I_{(n+s−1) mod m}      (0-based phases p = t mod m)
 *   I_p = 100·r_p / mean(r),  r_p = mean over t ≡ p of 100·x_t / MA_t   when x is seasonal, else I_p = 100
 *   MA_t = centred moving average: even n: ½(mean x_{t−m/2..t+m/2−1} + mean x_{t−m/2+1..t+m/2}) (2×m MA);
 *          odd n: mean x_{t−m/2..t+m/2−1} (the benchmark code's pandas rolling window; t 0-based)
 *   seasonal ⇔ |acf_m| > 1.645·sqrt((1 + 2·(acf_1 + Σ_{k=2..m−1} acf_k²)) / n)    (M4's test, acf_1 unsquared)
 *   acf_k = Σ_{t=k..n−1} (x_t − x̄)(x_{t−k} − x̄) / Σ_t (x_t − x̄)²
 * </pre>
 * m must be even (M4 hourly: 24).
 */
public final class M4Benchmarks {
    private static final double CRITICAL = 1.645;

    private M4Benchmarks() {
    }

    public static double[] seasonalNaive(double[] x, int h, int m) {
        requireLength(x, m);
        double[] f = new double[h];
        for (int s = 0; s < h; s++) {
            f[s] = x[x.length - m + s % m];
        }
        return f;
    }

    public static double[] naive2(double[] x, int h, int m) {
        double[] index = seasonalIndices(x, m);
        int n = x.length;
        double level = x[n - 1] * 100 / index[(n - 1) % m];
        double[] f = new double[h];
        for (int s = 0; s < h; s++) {
            f[s] = level * index[(n + s) % m] / 100;
        }
        return f;
    }

    /** I_p (mean 100) of phases p = 0..m−1, all 100 when the series fails the seasonality test. */
    static double[] seasonalIndices(double[] x, int m) {
        requireLength(x, m);
        if (m % 2 != 0) {
            throw new IllegalArgumentException("the seasonality must be even, got " + m);
        }
        double[] index = new double[m];
        java.util.Arrays.fill(index, 100);
        if (!isSeasonal(x, m)) {
            return index;
        }
        int n = x.length;
        int half = m / 2;
        double[] sum = new double[m];
        int[] count = new int[m];
        for (int t = half; t + half - 1 < n; t++) {
            double ma = windowMean(x, t - half, m);
            if (n % 2 == 0) {
                if (t + half >= n) {
                    continue;
                }
                ma = 0.5 * (ma + windowMean(x, t - half + 1, m));
            }
            sum[t % m] += 100 * x[t] / ma;
            count[t % m]++;
        }
        double total = 0;
        for (int p = 0; p < m; p++) {
            index[p] = sum[p] / count[p];
            total += index[p];
        }
        double norm = total / (100.0 * m);
        for (int p = 0; p < m; p++) {
            index[p] /= norm;
        }
        return index;
    }

    static boolean isSeasonal(double[] x, int m) {
        double s = acf(x, 1);
        for (int k = 2; k < m; k++) {
            double a = acf(x, k);
            s += a * a;
        }
        double limit = CRITICAL * Math.sqrt((1 + 2 * s) / x.length);
        return Math.abs(acf(x, m)) > limit;
    }

    static double acf(double[] x, int k) {
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double num = 0;
        for (int t = k; t < x.length; t++) {
            num += (x[t] - mean) * (x[t - k] - mean);
        }
        double den = 0;
        for (double v : x) {
            den += (v - mean) * (v - mean);
        }
        return num / den;
    }

    private static double windowMean(double[] x, int from, int length) {
        double s = 0;
        for (int i = from; i < from + length; i++) {
            s += x[i];
        }
        return s / length;
    }

    private static void requireLength(double[] x, int m) {
        if (m < 1 || x.length < 2 * m) {
            throw new IllegalArgumentException("need a seasonality >= 1 and at least two seasons of values, got m = " + m
                    + " and " + x.length + " values");
        }
    }
}
