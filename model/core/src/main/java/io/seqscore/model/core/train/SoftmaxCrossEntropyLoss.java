package io.seqscore.model.core.train;

import io.seqscore.model.core.NetworkSpec;

/**
 * The softmax head over a vocabulary of V symbols: per step s the head's D = V outputs are logits ŷ, the
 * target y[s] is the next symbol's index, and (evaluated in double, with the largest logit subtracted)
 * <pre>
 *   ℓ = −log softmax(ŷ)_y = log Σ_j e^{ŷ_j} − ŷ_y          ∂ℓ/∂ŷ_j = softmax(ŷ)_j − [j = y]
 * </pre>
 * targetSize = H, so with H = 1 and all weights 1 the batch loss is the mean cross-entropy per step, as
 * Keras' and tfjs' {@code sparseCategoricalCrossentropy} from logits.
 */
public final class SoftmaxCrossEntropyLoss implements Loss {
    public static final String NAME = "SOFTMAX_CROSS_ENTROPY";
    public static final SoftmaxCrossEntropyLoss INSTANCE = new SoftmaxCrossEntropyLoss();

    private SoftmaxCrossEntropyLoss() {
    }

    @Override
    public String kindName() {
        return NAME;
    }

    @Override
    public int targetSize(NetworkSpec spec) {
        if (spec.outputDim() < 2) {
            throw new IllegalArgumentException("a softmax head needs at least 2 outputs per step (one per symbol), got "
                    + spec.outputDim());
        }
        return spec.horizon();
    }

    @Override
    public double forward(float[] out, int o, float[] y, int yo, int horizon, int outputDim) {
        double sum = 0;
        for (int s = 0; s < horizon; s++) {
            int row = o + s * outputDim;
            sum += logSumExp(out, row, outputDim) - out[row + target(y[yo + s], outputDim)];
        }
        return sum;
    }

    @Override
    public void backward(float[] out, int o, float[] y, int yo, int horizon, int outputDim, double scale,
                         float[] dOut, int dOff) {
        for (int s = 0; s < horizon; s++) {
            int row = o + s * outputDim;
            double lse = logSumExp(out, row, outputDim);
            int target = target(y[yo + s], outputDim);
            for (int j = 0; j < outputDim; j++) {
                double p = Math.exp(out[row + j] - lse);
                dOut[dOff + s * outputDim + j] = (float) (scale * (j == target ? p - 1.0 : p));
            }
        }
    }

    /** log Σ_j e^{x_j} over x[off..off+n), stable (the largest subtracted first). */
    public static double logSumExp(float[] x, int off, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            max = Math.max(max, x[off + j]);
        }
        double sum = 0;
        for (int j = 0; j < n; j++) {
            sum += Math.exp(x[off + j] - max);
        }
        return max + Math.log(sum);
    }

    private static int target(float y, int outputDim) {
        int t = (int) y;
        if (t != y || t < 0 || t >= outputDim) {
            throw new IllegalArgumentException("target symbol index " + y + " outside [0, " + outputDim + ")");
        }
        return t;
    }

    @Override
    public String toString() {
        return NAME;
    }
}
