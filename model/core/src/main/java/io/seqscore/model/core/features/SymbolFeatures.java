package io.seqscore.model.core.features;

import io.seqscore.model.core.NetworkSpec;
import io.seqscore.model.core.train.SoftmaxCrossEntropyLoss;

/**
 * SYMBOLS: categorical events. An event carries one value, its symbol's index in the model's
 * {@link Vocabulary} (0 = unknown), which the network's embedding looks up; the softmax head forecasts the
 * next symbol's distribution over the V indices. Not scaled (μ and σ are ignored); no history.
 * <pre>
 * x_0   = v                                         the symbol's index, an exact float
 * f_j   = softmax(out)_j = e^{out_j − lse(out)}      probability that the next symbol has index j (j &lt; V)
 * zNext = f                                         target = the next event's index (cross-entropy)
 * </pre>
 * The network must have an embedding of V rows and a one-step head of V outputs.
 */
public final class SymbolFeatures implements FeatureTransform {
    public static final String KIND = "SYMBOLS";

    public SymbolFeatures(FeatureParameters p) {
        if (!p.allZero()) {
            throw new IllegalArgumentException("features SYMBOLS must have periodMillis, spacingMillis, toleranceMillis,"
                    + " historySize and clip 0, got " + p.periodMillis() + ", " + p.spacingMillis() + ", "
                    + p.toleranceMillis() + ", " + p.historySize() + ", " + p.clip());
        }
    }

    public SymbolFeatures() {
        this(FeatureParameters.of(KIND));
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public FeatureParameters parameters() {
        return FeatureParameters.of(KIND);
    }

    /** One: the symbol's index. */
    @Override
    public int networkInputs(int eventSize) {
        return 1;
    }

    /**
     * The vocabulary's size V, which is not a function of the event size: a symbol network's head size is its
     * embedding's row count ({@link NetworkSpec#embedded}), chosen with the vocabulary.
     *
     * @throws UnsupportedOperationException always; build the spec from the vocabulary
     */
    @Override
    public int forecastValues(int eventSize) {
        throw new UnsupportedOperationException("SYMBOLS forecasts one value per vocabulary slot: build the network"
                + " with NetworkSpec.embedded(vocabulary.size(), layers, 1, vocabulary.size())");
    }

    @Override
    public int eventSize(NetworkSpec spec) {
        return 1;
    }

    @Override
    public int historySize() {
        return 0;
    }

    @Override
    public void check(NetworkSpec spec) {
        if (!spec.hasEmbedding()) {
            throw new IllegalArgumentException("features SYMBOLS need a network with an embedding, got " + spec);
        }
        if (spec.horizon() != 1 || spec.outputDim() != spec.embeddingRows()) {
            throw new IllegalArgumentException("features SYMBOLS need a one-step head of one output per symbol ("
                    + spec.embeddingRows() + "), got horizon " + spec.horizon() + " and " + spec.outputDim() + " outputs");
        }
    }

    @Override
    public void inputs(float[] event, EventHistory history, double[] state, float[] mu, float[] sigma, float[] x) {
        x[0] = event[0];
    }

    @Override
    public void forecasts(double[] event, EventHistory history, double[] state, float[] mu, float[] sigma,
                          float[] out, int dims, float[] forecast, float[] zNext) {
        double lse = SoftmaxCrossEntropyLoss.logSumExp(out, 0, dims);
        for (int j = 0; j < dims; j++) {
            forecast[j] = (float) Math.exp(out[j] - lse);
        }
        System.arraycopy(forecast, 0, zNext, 0, dims);
    }

    /** Inputs and targets are the indices themselves (μ, σ ignored); every row anchored, no base. */
    @Override
    public EncodedSeries encode(long[] times, float[] values, int n, float[] mu, float[] sigma, int horizon) {
        if (n != 1) {
            throw new IllegalArgumentException("features SYMBOLS read one value per event (the index), got " + n);
        }
        int rows = times.length;
        float[] z = java.util.Arrays.copyOf(values, rows);
        boolean[] anchored = new boolean[rows];
        java.util.Arrays.fill(anchored, true);
        return new EncodedSeries(rows, 1, 1, horizon, z, z, null, anchored);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SymbolFeatures;
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
