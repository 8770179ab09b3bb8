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
 * The release carries the vocabulary (InputFeatures.vocabulary, index 1 first) and the embedding's width
 * (the named parameter {@value #EMBEDDING}); the network must have an embedding of V = symbols + 1 rows of that
 * width and a one-step softmax head of V outputs.
 */
public final class SymbolFeatures implements FeatureTransform {
    public static final String KIND = "SYMBOLS";
    /** The named parameter giving the embedding's width. */
    public static final String EMBEDDING = "embedding";

    private final Vocabulary vocabulary;
    private final int embedding;

    public SymbolFeatures(FeatureParameters p) {
        if (p.periodMillis() != 0 || p.spacingMillis() != 0 || p.toleranceMillis() != 0 || p.historySize() != 0
                || Float.floatToRawIntBits(p.clip()) != 0) {
            throw new IllegalArgumentException("features SYMBOLS must have periodMillis, spacingMillis, toleranceMillis,"
                    + " historySize and clip 0, got " + p.periodMillis() + ", " + p.spacingMillis() + ", "
                    + p.toleranceMillis() + ", " + p.historySize() + ", " + p.clip());
        }
        if (p.vocabulary().isEmpty()) {
            throw new IllegalArgumentException("features SYMBOLS need a vocabulary");
        }
        for (String name : p.named().keySet()) {
            if (!name.equals(EMBEDDING)) {
                throw new IllegalArgumentException("features SYMBOLS take the parameter '" + EMBEDDING + "' only, got '"
                        + name + "'");
            }
        }
        double e = p.value(EMBEDDING).orElse(Double.NaN);
        if (!(e >= 1 && e <= 1 << 16) || e != Math.rint(e)) {
            throw new IllegalArgumentException("features SYMBOLS need the parameter '" + EMBEDDING
                    + "', a whole number of at least 1, got " + e);
        }
        this.vocabulary = new Vocabulary(p.vocabulary());
        this.embedding = (int) e;
    }

    public SymbolFeatures(Vocabulary vocabulary, int embedding) {
        this(parameters(vocabulary, embedding));
    }

    /** The release's parameters of a vocabulary and an embedding width. */
    public static FeatureParameters parameters(Vocabulary vocabulary, int embedding) {
        return new FeatureParameters(KIND, 0, 0, 0, 0, 0f, java.util.Map.of(EMBEDDING, (double) embedding),
                vocabulary.symbols());
    }

    /**
     * The embedding (V rows, width e) a release's features ask the network for: {V, e} when they carry a
     * vocabulary and an {@value #EMBEDDING} parameter, null otherwise (the network reads values).
     */
    public static int[] embeddingOf(FeatureParameters p) {
        if (p.vocabulary().isEmpty() || p.value(EMBEDDING).isEmpty()) {
            return null;
        }
        double e = p.value(EMBEDDING).getAsDouble();
        return new int[] {p.vocabulary().size() + 1, e >= 1 && e <= 1 << 16 ? (int) e : 1};
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    @Override
    public java.util.Optional<Vocabulary> symbols() {
        return java.util.Optional.of(vocabulary);
    }

    /** The symbol's index then the values (none for this kind). */
    @Override
    public int rowSize(int values) {
        return 1 + values;
    }

    @Override
    public void row(String symbol, double[] values, int n, double[] row) {
        row[0] = vocabulary.index(symbol);
        System.arraycopy(values, 0, row, 1, n);
    }

    @Override
    public boolean unseen(String symbol) {
        return vocabulary.index(symbol) == Vocabulary.UNKNOWN;
    }

    /** A symbol and no values. */
    @Override
    public String misfit(boolean hasSymbol, int values) {
        if (!hasSymbol) {
            return "has no symbol, the model reads one symbol per event";
        }
        return values == 0 ? null : "has " + values + " values, the model reads a symbol only";
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public FeatureParameters parameters() {
        return parameters(vocabulary, embedding);
    }

    /** One: the symbol's index. */
    @Override
    public int networkInputs(int eventSize) {
        return 1;
    }

    /** V: one probability per vocabulary slot, the unknown one included. */
    @Override
    public int forecastValues(int eventSize) {
        return vocabulary.size();
    }

    @Override
    public void check(NetworkSpec spec) {
        if (!spec.hasEmbedding()) {
            throw new IllegalArgumentException("features SYMBOLS need a network with an embedding, got " + spec);
        }
        if (spec.embeddingRows() != vocabulary.size() || spec.embeddingDim() != embedding) {
            throw new IllegalArgumentException("features SYMBOLS of " + vocabulary.size() + " slots and an embedding of "
                    + embedding + " need an embedding of that shape, the network has " + spec.embeddingRows() + "x"
                    + spec.embeddingDim());
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
        return o instanceof SymbolFeatures f && f.vocabulary.equals(vocabulary) && f.embedding == embedding;
    }

    @Override
    public int hashCode() {
        return 31 * vocabulary.hashCode() + embedding;
    }

    @Override
    public String toString() {
        return KIND + "(" + (vocabulary.size() - 1) + " symbols, embedding " + embedding + ")";
    }
}
