package io.seqscore.model.core.features;

import io.seqscore.model.core.NetworkSpec;

/**
 * VALUES: the network reads the event's n scaled values and forecasts them (D ≤ n, value d predicts
 * input d); no history, bases 0.
 * <pre>
 * x_j       = (v_j − μ_j) / σ_j                         float
 * f_{s·D+d} = out_{s·D+d}·σ_d + μ_d                      zNext_d = out_d
 * </pre>
 */
public final class ValuesFeatures implements FeatureTransform {
    public static final String KIND = "VALUES";

    public ValuesFeatures(FeatureParameters p) {
        if (!p.allZero()) {
            throw new IllegalArgumentException("features VALUES must have periodMillis, spacingMillis, toleranceMillis,"
                    + " historySize and clip 0 and no named parameters or vocabulary, got " + p.periodMillis() + ", "
                    + p.spacingMillis() + ", " + p.toleranceMillis() + ", " + p.historySize() + ", " + p.clip()
                    + ", " + p.named().keySet() + ", " + p.vocabulary().size() + " symbols");
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public FeatureParameters parameters() {
        return FeatureParameters.of(KIND);
    }

    @Override
    public int networkInputs(int eventSize) {
        return eventSize;
    }

    @Override
    public int forecastValues(int eventSize) {
        return eventSize;
    }

    @Override
    public int eventSize(NetworkSpec spec) {
        return spec.inputSize();
    }

    @Override
    public void check(NetworkSpec spec) {
        if (spec.outputDim() > spec.inputSize()) {
            throw new IllegalArgumentException("the network forecasts " + spec.outputDim() + " values per step but reads "
                    + spec.inputSize() + ": forecast value d must predict input feature d");
        }
    }

    @Override
    public void inputs(float[] event, EventHistory history, double[] state, float[] mu, float[] sigma, float[] x) {
        for (int j = 0; j < x.length; j++) {
            x[j] = (event[j] - mu[j]) / sigma[j];
        }
    }

    @Override
    public void forecasts(double[] event, EventHistory history, double[] state, float[] mu, float[] sigma,
                          float[] out, int dims, float[] forecast, float[] zNext) {
        for (int i = 0; i < out.length; i++) {
            int d = i % dims;
            forecast[i] = out[i] * sigma[d] + mu[d];
        }
        System.arraycopy(out, 0, zNext, 0, dims);
    }

    @Override
    public EncodedSeries encode(long[] times, float[] values, int n, float[] mu, float[] sigma, int horizon) {
        int rows = times.length;
        float[] z = new float[rows * n];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < n; j++) {
                z[i * n + j] = (values[i * n + j] - mu[j]) / sigma[j];
            }
        }
        boolean[] anchored = new boolean[rows];
        java.util.Arrays.fill(anchored, true);
        return new EncodedSeries(rows, n, n, horizon, z, z, null, anchored);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ValuesFeatures;
    }

    @Override
    public int hashCode() {
        return KIND.hashCode();
    }

    @Override
    public String toString() {
        return KIND;
    }
}
