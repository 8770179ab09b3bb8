package io.seqscore.model.core.features;

import io.seqscore.model.core.NetworkSpec;

/**
 * The seasonal kinds' common part: univariate events, the 4 inputs of {@link SeasonalChanges} over the
 * key's last {@code historySize} events, one forecast value per step, and a base per step that the
 * subclass chooses ({@link #anchor}); without an anchor the base is the current event's z_t.
 * <pre>
 * x        = SeasonalChanges.inputs(history, μ, σ)            float
 * z_t      = (float) ((v_t − μ) / σ)                          in double, rounded (the scorer's value)
 * b_s      = z_{A_s} = (float) ((v_{A_s} − μ) / σ), or z_t     A_s = anchor(history, s)
 * f_s      = (b_s + out_s)·σ + μ                               zNext = b_0 + out_0
 * </pre>
 * Training encodes z in float, (v − μ)/σ, as the seasonal training windows always did.
 */
public abstract class SeasonalFeatures implements FeatureTransform {
    /** Most events a seasonal release may ask the scorer to keep per key (16 days at 5-minute spacing). */
    public static final int MAX_HISTORY = 4096;

    final SeasonalChanges seasonal;
    private final FeatureParameters parameters;

    SeasonalFeatures(String kind, FeatureParameters p) {
        if (!kind.equals(p.kind())) {
            throw new IllegalArgumentException("features " + kind + " given the parameters of " + p.kind());
        }
        if (p.periodMillis() <= 0 || p.spacingMillis() < 0 || p.toleranceMillis() < 0) {
            throw new IllegalArgumentException("features " + p.kind() + " need periodMillis > 0, spacingMillis >= 0"
                    + " and toleranceMillis >= 0, got " + p.periodMillis() + ", " + p.spacingMillis() + ", "
                    + p.toleranceMillis());
        }
        if (p.historySize() < 1 || p.historySize() > MAX_HISTORY) {
            throw new IllegalArgumentException("features historySize must be in [1, " + MAX_HISTORY + "], got "
                    + p.historySize());
        }
        if (!(p.clip() > 0) || Float.isInfinite(p.clip())) {
            throw new IllegalArgumentException("features clip must be finite and > 0, got " + p.clip());
        }
        if (!p.named().isEmpty() || !p.vocabulary().isEmpty()) {
            throw new IllegalArgumentException("features " + p.kind() + " take no named parameters or vocabulary, got "
                    + p.named().keySet() + (p.vocabulary().isEmpty() ? "" : " and a vocabulary"));
        }
        this.seasonal = new SeasonalChanges(p.periodMillis(), p.spacingMillis(), p.toleranceMillis(), p.clip());
        this.parameters = p;
    }

    /** The k (in the history) of the base of step s, or {@link EventHistory#NONE} for z_t. */
    abstract int anchor(EventHistory history, int s);

    /** Whether a row needs an anchor for every step to be trained on. */
    abstract boolean needsAnchors();

    /** The 4-input computation these features use. */
    public SeasonalChanges seasonalChanges() {
        return seasonal;
    }

    @Override
    public String kind() {
        return parameters.kind();
    }

    @Override
    public FeatureParameters parameters() {
        return parameters;
    }

    @Override
    public int networkInputs(int eventSize) {
        return SeasonalChanges.INPUTS;
    }

    @Override
    public int forecastValues(int eventSize) {
        return 1;
    }

    @Override
    public int historySize() {
        return parameters.historySize();
    }

    @Override
    public void check(NetworkSpec spec) {
        if (spec.inputSize() != SeasonalChanges.INPUTS || spec.outputDim() != 1) {
            throw new IllegalArgumentException("features " + kind() + " need architecture inputSize "
                    + SeasonalChanges.INPUTS + " and outputDim 1, got " + spec.inputSize() + " and " + spec.outputDim());
        }
    }

    @Override
    public void inputs(float[] event, EventHistory history, double[] state, float[] mu, float[] sigma, float[] x) {
        seasonal.inputs(history, mu[0], sigma[0], x, 0);
    }

    @Override
    public void forecasts(double[] event, EventHistory history, double[] state, float[] mu, float[] sigma,
                          float[] out, int dims, float[] forecast, float[] zNext) {
        float m = mu[0];
        float sd = sigma[0];
        float zt = (float) ((event[0] - m) / sd);
        for (int s = 0; s < out.length; s++) {
            int a = anchor(history, s);
            float base = a == EventHistory.NONE ? zt : (float) (((double) history.value(a) - m) / sd);
            OneValueForecasts.step(s, base, out, m, sd, forecast, zNext);
        }
    }

    @Override
    public EncodedSeries encode(long[] times, float[] values, int n, float[] mu, float[] sigma, int horizon) {
        OneValueForecasts.requireOneValue(kind(), n);
        int inputs = SeasonalChanges.INPUTS;
        int rows = times.length;
        float m = mu[0];
        float sd = sigma[0];
        float[] x = new float[rows * inputs];
        float[] z = new float[rows];
        float[] base = new float[rows * horizon];
        boolean[] anchored = new boolean[rows];
        int[] lag = new int[horizon];
        EventRing ring = new EventRing(parameters.historySize());
        for (int i = 0; i < rows; i++) {
            float v = values[i];
            ring.add(times[i], v);
            seasonal.inputs(ring, m, sd, x, i * inputs);
            z[i] = (v - m) / sd;
            boolean all = true;
            for (int h = 0; h < horizon; h++) {
                lag[h] = anchor(ring, h);
                all &= lag[h] != EventHistory.NONE;
            }
            for (int h = 0; h < horizon; h++) {
                base[i * horizon + h] = lag[h] == EventHistory.NONE ? z[i] : z[i - lag[h]];
            }
            anchored[i] = all || !needsAnchors();
        }
        return new EncodedSeries(rows, inputs, 1, horizon, x, z, base, anchored);
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && parameters.equals(((SeasonalFeatures) o).parameters);
    }

    @Override
    public int hashCode() {
        return parameters.hashCode();
    }

    @Override
    public String toString() {
        return kind() + parameters;
    }
}
