package io.seqscore.app.testing;

import io.seqscore.model.core.Network;
import io.seqscore.model.core.NetworkSpec;

/**
 * The forecasts a release should produce for one key, computed directly with model/core's
 * {@link Network}: x → z = (x − μ)/σ (float) → step → forecast·σ_d + μ_d, from a zero state.
 */
public final class ReferenceForecaster {
    private final Network network;
    private final float[] mean;
    private final float[] std;
    private final float[] state;
    private final float[] z;
    private final float[] out;

    public ReferenceForecaster(NetworkSpec spec, float[] params, float[] mean, float[] std) {
        this.network = Network.of(spec, params);
        this.mean = mean.clone();
        this.std = std.clone();
        this.state = network.newState();
        this.z = new float[spec.inputSize()];
        this.out = new float[spec.outputSize()];
    }

    /** Folds one event in and returns the forecast made after it, in value units (H·D values). */
    public float[] step(double... values) {
        for (int j = 0; j < z.length; j++) {
            z[j] = ((float) values[j] - mean[j]) / std[j];
        }
        network.step(state, z, out);
        int dims = network.spec().outputDim();
        float[] f = new float[out.length];
        for (int i = 0; i < out.length; i++) {
            f[i] = out[i] * std[i % dims] + mean[i % dims];
        }
        return f;
    }

    public void reset() {
        java.util.Arrays.fill(state, 0f);
    }
}
