package io.seqscore.model.core.features;

import io.seqscore.model.core.NetworkSpec;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * ES_HYBRID: exponential smoothing per key (a level and one or two seasonal components, Holt–Winters without
 * trend, Taylor's double-seasonal form) and a global network that reads the key's recent values normalized by
 * that level and de-seasonalized, and forecasts a correction of the smoothing's own forecast (after Smyl's ES-RNN,
 * M4 2018). Univariate events, evenly spaced: the season position of the key's i-th event is i mod P.
 *
 * <p>Per-key state ({@link #stateSize()} doubles): i (events seen), the level L, the P₁ indices s¹, the P₂
 * indices s² (P₂ = 0: one season) and the last W de-seasonalized values y. Multiplicative (m = 1: positive
 * series; ∘ = ×, ⊘ = ÷) or additive (m = 0; ∘ = +, ⊘ = −). At event i with value v (v ≥ 10⁻³·L when m = 1):
 * <pre>
 * S_i      = s¹[i mod P₁] ∘ s²[i mod P₂]                           the season before the update
 * L_i      = v ⊘ S_i                     (i = 0)
 *          = α·(v ⊘ S_i) + (1 − α)·L_{i−1}                          level
 * s¹[i mod P₁] ← γ₁·(v ⊘ (L_i ∘ s²)) + (1 − γ₁)·s¹                 seasons (s¹, s² before the update on the right)
 * s²[i mod P₂] ← γ₂·(v ⊘ (L_i ∘ s¹)) + (1 − γ₂)·s²
 * y_i      = log(v / S_i)  (m = 1),   (v − S_i)/σ  (m = 0)          kept for the last W events
 * x_k      = clip(y_{i−k} − log L_i)  (m = 1),  clip(y_{i−k} − L_i/σ)  (m = 0),  k &lt; W (0 before the first events)
 * e_s      = L_i ∘ s¹[(i+1+s) mod P₁] ∘ s²[(i+1+s) mod P₂]          the smoothing's forecast of step s
 * base_s   = (float) ((e_s − μ)/σ)                                   ẑ_{i+1+s} = base_s + out_s
 * f_s      = (base_s + out_s)·σ + μ                                  zNext = base_0 + out_0
 * </pre>
 * The network forecasts in the seam's scaled space (z = (v − μ)/σ), so the release's calibration, the detector
 * and the interval read it as they read every kind. Rows before the first max(P₁, P₂) events are not trained on.
 */
public final class EsHybridFeatures implements FeatureTransform {
    public static final String KIND = "ES_HYBRID";
    public static final String ALPHA = "alpha";
    public static final String GAMMA1 = "gamma1";
    public static final String GAMMA2 = "gamma2";
    public static final String PERIOD1 = "period1";
    public static final String PERIOD2 = "period2";
    public static final String WINDOW = "window";
    public static final String MULTIPLICATIVE = "multiplicative";
    /** Most events of a season or of the input window. */
    public static final int MAX_PERIOD = 10_000;
    /** A multiplicative key's value is floored at this fraction of its level. */
    static final double MIN_RATIO = 1e-3;

    private static final Set<String> NAMES = Set.of(ALPHA, GAMMA1, GAMMA2, PERIOD1, PERIOD2, WINDOW, MULTIPLICATIVE);
    private static final int COUNT = 0;
    private static final int LEVEL = 1;
    private static final int S1 = 2;

    private final FeatureParameters parameters;
    private final double alpha;
    private final double gamma1;
    private final double gamma2;
    private final int p1;
    private final int p2;
    private final int window;
    private final boolean multiplicative;
    private final float clip;
    private final int s2;
    private final int y;
    private final int size;
    private final int warmup;

    public EsHybridFeatures(FeatureParameters p) {
        if (!KIND.equals(p.kind())) {
            throw new IllegalArgumentException("features " + KIND + " given the parameters of " + p.kind());
        }
        if (p.periodMillis() != 0 || p.spacingMillis() != 0 || p.toleranceMillis() != 0 || p.historySize() != 0) {
            throw new IllegalArgumentException("features " + KIND + " must have periodMillis, spacingMillis,"
                    + " toleranceMillis and historySize 0 (its periods are counted in events)");
        }
        if (!p.named().keySet().equals(NAMES) || !p.vocabulary().isEmpty()) {
            throw new IllegalArgumentException("features " + KIND + " need the parameters " + new TreeSet<>(NAMES) + " and no vocabulary, got "
                    + p.named().keySet() + (p.vocabulary().isEmpty() ? "" : " and a vocabulary"));
        }
        if (!(p.clip() > 0) || Float.isInfinite(p.clip())) {
            throw new IllegalArgumentException("features clip must be finite and > 0, got " + p.clip());
        }
        this.parameters = p;
        this.alpha = coefficient(p, ALPHA);
        this.gamma1 = coefficient(p, GAMMA1);
        this.gamma2 = coefficient(p, GAMMA2);
        this.p1 = count(p, PERIOD1, 1);
        this.p2 = count(p, PERIOD2, 0);
        this.window = count(p, WINDOW, 1);
        double m = p.named().get(MULTIPLICATIVE);
        if (m != 0 && m != 1) {
            throw new IllegalArgumentException("features " + KIND + " parameter multiplicative must be 0 or 1, got " + m);
        }
        this.multiplicative = m == 1;
        this.clip = p.clip();
        this.s2 = S1 + p1;
        this.y = s2 + p2;
        this.size = y + window;
        this.warmup = Math.max(p1, p2);
    }

    /** The parameters of an ES_HYBRID release. */
    public static FeatureParameters parameters(double alpha, double gamma1, double gamma2, int period1, int period2,
                                               int window, boolean multiplicative, float clip) {
        Map<String, Double> named = new TreeMap<>();
        named.put(ALPHA, alpha);
        named.put(GAMMA1, gamma1);
        named.put(GAMMA2, gamma2);
        named.put(PERIOD1, (double) period1);
        named.put(PERIOD2, (double) period2);
        named.put(WINDOW, (double) window);
        named.put(MULTIPLICATIVE, multiplicative ? 1.0 : 0.0);
        return new FeatureParameters(KIND, 0, 0, 0, 0, clip, named, List.of());
    }

    private static double coefficient(FeatureParameters p, String name) {
        double v = p.named().get(name);
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException("features " + KIND + " parameter " + name + " must be in [0, 1], got " + v);
        }
        return v;
    }

    private static int count(FeatureParameters p, String name, int min) {
        double v = p.named().get(name);
        if (!(v >= min && v <= MAX_PERIOD) || v != Math.rint(v)) {
            throw new IllegalArgumentException("features " + KIND + " parameter " + name + " must be a whole number in ["
                    + min + ", " + MAX_PERIOD + "], got " + v);
        }
        return (int) v;
    }

    public boolean multiplicative() {
        return multiplicative;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public FeatureParameters parameters() {
        return parameters;
    }

    @Override
    public int networkInputs(int eventSize) {
        return window;
    }

    @Override
    public int forecastValues(int eventSize) {
        return 1;
    }

    @Override
    public int stateSize() {
        return size;
    }

    @Override
    public void reset(double[] state) {
        double neutral = multiplicative ? 1.0 : 0.0;
        state[COUNT] = 0;
        state[LEVEL] = 0;
        java.util.Arrays.fill(state, S1, y, neutral);
        java.util.Arrays.fill(state, y, size, 0.0);
    }

    @Override
    public void check(NetworkSpec spec) {
        if (spec.inputSize() != window || spec.outputDim() != 1) {
            throw new IllegalArgumentException("features " + KIND + " need architecture inputSize " + window
                    + " (the window) and outputDim 1, got " + spec.inputSize() + " and " + spec.outputDim());
        }
    }

    @Override
    public void inputs(float[] event, EventHistory history, double[] state, float[] mu, float[] sigma, float[] x) {
        advance(state, event[0], sigma[0]);
        window(state, sigma[0], x, 0);
    }

    @Override
    public void forecasts(double[] event, EventHistory history, double[] state, float[] mu, float[] sigma,
                          float[] out, int dims, float[] forecast, float[] zNext) {
        float m = mu[0];
        float sd = sigma[0];
        for (int s = 0; s < out.length; s++) {
            float base = base(state, s, m, sd);
            OneValueForecasts.step(s, base, out, m, sd, forecast, zNext);
        }
    }

    @Override
    public EncodedSeries encode(long[] times, float[] values, int n, float[] mu, float[] sigma, int horizon) {
        OneValueForecasts.requireOneValue(KIND, n);
        int rows = times.length;
        float m = mu[0];
        float sd = sigma[0];
        double[] state = new double[size];
        reset(state);
        float[] x = new float[rows * window];
        float[] z = new float[rows];
        float[] base = new float[rows * horizon];
        boolean[] anchored = new boolean[rows];
        for (int i = 0; i < rows; i++) {
            advance(state, values[i], sd);
            window(state, sd, x, i * window);
            z[i] = (float) (((double) values[i] - m) / sd);
            for (int s = 0; s < horizon; s++) {
                base[i * horizon + s] = base(state, s, m, sd);
            }
            anchored[i] = i + 1 >= warmup;
        }
        return new EncodedSeries(rows, window, 1, horizon, x, z, base, anchored);
    }

    /** The smoothing's scaled forecast of step s (0-based) after the state's last event (the trainer's fit reads it). */
    public float base(double[] state, int s, float mu, float sigma) {
        long next = (long) state[COUNT] + s;
        double season1 = state[S1 + (int) (next % p1)];
        double e;
        if (multiplicative) {
            e = state[LEVEL] * season1 * (p2 > 0 ? state[s2 + (int) (next % p2)] : 1.0);
        } else {
            e = state[LEVEL] + season1 + (p2 > 0 ? state[s2 + (int) (next % p2)] : 0.0);
        }
        return (float) ((e - mu) / sigma);
    }

    /** One event into the state: the level, the seasons and the de-seasonalized value (equations above). */
    public void advance(double[] state, double value, float sigma) {
        long i = (long) state[COUNT];
        int k1 = S1 + (int) (i % p1);
        int k2 = p2 > 0 ? s2 + (int) (i % p2) : -1;
        double a = state[k1];
        double b = k2 >= 0 ? state[k2] : (multiplicative ? 1.0 : 0.0);
        double level = state[LEVEL];
        double v = value;
        if (multiplicative) {
            double floor = i == 0 ? Double.MIN_NORMAL : MIN_RATIO * level;
            v = Math.max(v, floor);
            double season = a * b;
            double l = i == 0 ? v / season : alpha * (v / season) + (1 - alpha) * level;
            state[LEVEL] = l;
            state[k1] = gamma1 * (v / (l * b)) + (1 - gamma1) * a;
            if (k2 >= 0) {
                state[k2] = gamma2 * (v / (l * a)) + (1 - gamma2) * b;
            }
            state[y + (int) (i % window)] = Math.log(v / season);
        } else {
            double season = a + b;
            double l = i == 0 ? v - season : alpha * (v - season) + (1 - alpha) * level;
            state[LEVEL] = l;
            state[k1] = gamma1 * (v - l - b) + (1 - gamma1) * a;
            if (k2 >= 0) {
                state[k2] = gamma2 * (v - l - a) + (1 - gamma2) * b;
            }
            state[y + (int) (i % window)] = (v - season) / sigma;
        }
        state[COUNT] = i + 1;
    }

    /** x_k = clip(y_{i−k} − log L_i) (or − L_i/σ), newest first; 0 for k beyond the events seen. */
    private void window(double[] state, float sigma, float[] x, int at) {
        long count = (long) state[COUNT];
        double reference = multiplicative ? Math.log(state[LEVEL]) : state[LEVEL] / sigma;
        for (int k = 0; k < window; k++) {
            float v = 0f;
            if (k < count) {
                double d = state[y + (int) ((count - 1 - k) % window)] - reference;
                v = (float) Math.max(-clip, Math.min(clip, d));
            }
            x[at + k] = v;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EsHybridFeatures e && parameters.equals(e.parameters);
    }

    @Override
    public int hashCode() {
        return parameters.hashCode();
    }

    @Override
    public String toString() {
        return KIND + parameters.named();
    }
}
