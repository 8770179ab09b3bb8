package io.seqscore.model.core.train;

import io.seqscore.model.core.NetworkSpec;

/**
 * The loss of the head over events that carry a symbol and values (head kind {@code softmax-values}): per step
 * the head's D = V + m outputs are V logits over the vocabulary then m scaled value forecasts; the step's
 * target is the next event's symbol index then its m scaled values (targetSize 1 + m, one-step head). The
 * loss is cross-entropy plus a weighted squared error, evaluated in double:
 * <pre>
 *   ℓ = log Σ_{j&lt;V} e^{ŷ_j} − ŷ_y  +  w · Σ_{d&lt;m} (ŷ_{V+d} − y_{1+d})²
 *   ∂ℓ/∂ŷ_j     = softmax(ŷ_{0..V})_j − [j = y]        (j &lt; V)
 *   ∂ℓ/∂ŷ_{V+d} = 2w (ŷ_{V+d} − y_{1+d})
 * </pre>
 * w (the value weight, {@code seqscore-trainer train --value-weight}) sets how much a squared error of one σ
 * counts against one nat of surprise; w = 0 trains the symbol alone. Immutable; allocates nothing per call.
 */
public final class SymbolValuesLoss implements Loss {
    public static final String NAME = "SOFTMAX_CROSS_ENTROPY_MSE";

    private final int symbols;
    private final double valueWeight;

    /**
     * @param symbols     V, the vocabulary's slots (the head's first V outputs)
     * @param valueWeight w ≥ 0, the weight of the values' squared error
     */
    public SymbolValuesLoss(int symbols, double valueWeight) {
        if (symbols < 2) {
            throw new IllegalArgumentException("a softmax head needs at least 2 symbols, got " + symbols);
        }
        if (!(valueWeight >= 0) || Double.isInfinite(valueWeight)) {
            throw new IllegalArgumentException("the value weight must be finite and >= 0, got " + valueWeight);
        }
        this.symbols = symbols;
        this.valueWeight = valueWeight;
    }

    public double valueWeight() {
        return valueWeight;
    }

    @Override
    public String kindName() {
        return NAME;
    }

    @Override
    public int targetSize(NetworkSpec spec) {
        int m = spec.embeddedValues();
        if (!spec.hasEmbedding() || spec.embeddingRows() != symbols || spec.horizon() != 1
                || spec.outputDim() != symbols + m) {
            throw new IllegalArgumentException("loss " + NAME + " over " + symbols + " symbols needs a one-step network"
                    + " reading a symbol of that many slots and values beside it, with one output per symbol and per value,"
                    + " got " + spec);
        }
        return 1 + m;
    }

    @Override
    public double forward(float[] out, int o, float[] y, int yo, int horizon, int outputDim) {
        double sum = SoftmaxCrossEntropyLoss.logSumExp(out, o, symbols) - out[o + target(y[yo])];
        double squares = 0;
        for (int d = 0, m = outputDim - symbols; d < m; d++) {
            double e = (double) out[o + symbols + d] - y[yo + 1 + d];
            squares += e * e;
        }
        return sum + valueWeight * squares;
    }

    @Override
    public void backward(float[] out, int o, float[] y, int yo, int horizon, int outputDim, double scale,
                         float[] dOut, int dOff) {
        double lse = SoftmaxCrossEntropyLoss.logSumExp(out, o, symbols);
        int target = target(y[yo]);
        for (int j = 0; j < symbols; j++) {
            double p = Math.exp(out[o + j] - lse);
            dOut[dOff + j] = (float) (scale * (j == target ? p - 1.0 : p));
        }
        for (int d = 0, m = outputDim - symbols; d < m; d++) {
            double e = (double) out[o + symbols + d] - y[yo + 1 + d];
            dOut[dOff + symbols + d] = (float) (2.0 * scale * valueWeight * e);
        }
    }

    private int target(float y) {
        int t = (int) y;
        if (t != y || t < 0 || t >= symbols) {
            throw new IllegalArgumentException("target symbol index " + y + " outside [0, " + symbols + ")");
        }
        return t;
    }

    @Override
    public String toString() {
        return NAME + "(" + symbols + " symbols, value weight " + valueWeight + ")";
    }
}
