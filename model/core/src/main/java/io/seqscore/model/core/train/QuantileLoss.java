package io.seqscore.model.core.train;

import io.seqscore.model.core.NetworkSpec;

import java.util.Arrays;

/**
 * The quantile (pinball) head's loss: per step the head forecasts K values × Q quantile levels τ_q, row
 * s·D + k·Q + q (D = K·Q); the targets are y[s·K + k] (targetSize = H·K). Per target and level, in double:
 * <pre>
 *   e = y − ŷ          ℓ = max(τ·e, (τ − 1)·e)          ∂ℓ/∂ŷ = −τ (e &gt; 0),  1 − τ (e &lt; 0),  0 (e = 0)
 * </pre>
 * Minimizing it makes ŷ_q the τ_q-quantile of y given the inputs (Koenker and Bassett, 1978). Levels strictly
 * increasing in (0, 1).
 */
public final class QuantileLoss implements Loss {
    public static final String KIND = "QUANTILE";

    private final double[] levels;

    public QuantileLoss(double... levels) {
        if (levels.length == 0) {
            throw new IllegalArgumentException("a quantile head needs at least one level");
        }
        for (int q = 0; q < levels.length; q++) {
            if (!(levels[q] > 0 && levels[q] < 1) || (q > 0 && !(levels[q] > levels[q - 1]))) {
                throw new IllegalArgumentException("quantile levels must increase strictly within (0, 1), got "
                        + Arrays.toString(levels));
            }
        }
        this.levels = levels.clone();
    }

    /** The levels τ_q, increasing. */
    public double[] levels() {
        return levels.clone();
    }

    @Override
    public String kindName() {
        return KIND;
    }

    @Override
    public int targetSize(NetworkSpec spec) {
        if (spec.outputDim() % levels.length != 0) {
            throw new IllegalArgumentException("a head of " + levels.length + " quantile levels needs an output dimension"
                    + " divisible by " + levels.length + ", got " + spec.outputDim());
        }
        return spec.outputSize() / levels.length;
    }

    @Override
    public double forward(float[] out, int o, float[] y, int yo, int horizon, int outputDim) {
        int nq = levels.length;
        int k = outputDim / nq;
        double sum = 0;
        for (int s = 0; s < horizon; s++) {
            for (int j = 0; j < k; j++) {
                double target = y[yo + s * k + j];
                for (int q = 0; q < nq; q++) {
                    double e = target - out[o + s * outputDim + j * nq + q];
                    double tau = levels[q];
                    sum += Math.max(tau * e, (tau - 1) * e);
                }
            }
        }
        return sum;
    }

    @Override
    public void backward(float[] out, int o, float[] y, int yo, int horizon, int outputDim, double scale, float[] dOut,
                         int dOff) {
        int nq = levels.length;
        int k = outputDim / nq;
        for (int s = 0; s < horizon; s++) {
            for (int j = 0; j < k; j++) {
                double target = y[yo + s * k + j];
                for (int q = 0; q < nq; q++) {
                    int m = s * outputDim + j * nq + q;
                    double e = target - out[o + m];
                    double g = e > 0 ? -levels[q] : e < 0 ? 1 - levels[q] : 0;
                    dOut[dOff + m] = (float) (scale * g);
                }
            }
        }
    }
}
