package io.seqscore.model.core.features;

import io.seqscore.model.core.NetworkSpec;
import io.seqscore.model.core.train.SoftmaxCrossEntropyLoss;

/**
 * SYMBOLS: categorical events, optionally with m values beside the symbol. An event's row is its symbol's index
 * in the model's {@link Vocabulary} (0 = unknown), which the network's embedding looks up, followed by its m
 * values (m = the named parameter {@value #VALUES}, 0 when absent); the softmax head forecasts the next symbol's
 * distribution over the V indices, and with m &gt; 0 the head {@code softmax-values} forecasts the next event's
 * values after it. The index is not scaled; value d is scaled by the row's μ_{1+d}, σ_{1+d}. No history.
 * <pre>
 * x_0       = v                                        the symbol's index, an exact float
 * x_{1+d}   = (v_{1+d} − μ_{1+d}) / σ_{1+d}              d &lt; m
 * f_j       = softmax(out_{0..V})_j                      probability that the next symbol has index j (j &lt; V)
 * f_{V+d}   = out_{V+d}·σ_{1+d} + μ_{1+d}                the next event's value d, in the events' units
 * zNext     = f_0..f_{V−1}, out_V..out_{V+m−1}           target = the next event's index (cross-entropy), then
 *                                                       its scaled values (squared error)
 * </pre>
 * The release carries the vocabulary (InputFeatures.vocabulary, index 1 first), the embedding's width (the named
 * parameter {@value #EMBEDDING}) and, for events with values, their count ({@value #VALUES}); the network must
 * have an embedding of V = symbols + 1 rows of that width, read m values beside it and have a one-step head of
 * V + m outputs.
 */
public final class SymbolFeatures implements FeatureTransform {
    public static final String KIND = "SYMBOLS";
    /** The named parameter giving the embedding's width. */
    public static final String EMBEDDING = "embedding";
    /** The named parameter giving the values an event carries beside its symbol (absent: none). */
    public static final String VALUES = "values";
    private static final int MAX_VALUES = 1 << 12;

    private final Vocabulary vocabulary;
    private final int embedding;
    private final int values;

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
            if (!name.equals(EMBEDDING) && !name.equals(VALUES)) {
                throw new IllegalArgumentException("features SYMBOLS take the parameters '" + EMBEDDING + "' and '"
                        + VALUES + "' only, got '" + name + "'");
            }
        }
        double e = p.value(EMBEDDING).orElse(Double.NaN);
        if (!(e >= 1 && e <= 1 << 16) || e != Math.rint(e)) {
            throw new IllegalArgumentException("features SYMBOLS need the parameter '" + EMBEDDING
                    + "', a whole number of at least 1, got " + e);
        }
        double m = p.value(VALUES).orElse(0);
        if (!(m >= 0 && m <= MAX_VALUES) || m != Math.rint(m) || p.value(VALUES).isPresent() && m == 0) {
            throw new IllegalArgumentException("features SYMBOLS' parameter '" + VALUES + "' must be a whole number from 1"
                    + " to " + MAX_VALUES + " (absent for events without values), got " + m);
        }
        this.vocabulary = new Vocabulary(p.vocabulary());
        this.embedding = (int) e;
        this.values = (int) m;
    }

    public SymbolFeatures(Vocabulary vocabulary, int embedding) {
        this(parameters(vocabulary, embedding));
    }

    public SymbolFeatures(Vocabulary vocabulary, int embedding, int values) {
        this(parameters(vocabulary, embedding, values));
    }

    /** The release's parameters of a vocabulary and an embedding width. */
    public static FeatureParameters parameters(Vocabulary vocabulary, int embedding) {
        return parameters(vocabulary, embedding, 0);
    }

    /** The release's parameters of a vocabulary, an embedding width and the values beside each symbol (0: none). */
    public static FeatureParameters parameters(Vocabulary vocabulary, int embedding, int values) {
        java.util.Map<String, Double> named = new java.util.LinkedHashMap<>();
        named.put(EMBEDDING, (double) embedding);
        if (values > 0) {
            named.put(VALUES, (double) values);
        }
        return new FeatureParameters(KIND, 0, 0, 0, 0, 0f, named, vocabulary.symbols());
    }

    /**
     * The embedding (V rows, width e) and the values m read beside it that a release's features ask the network
     * for: {V, e, m} when they carry a vocabulary and an {@value #EMBEDDING} parameter, null otherwise (the
     * network reads values).
     */
    public static int[] embeddingOf(FeatureParameters p) {
        if (p.vocabulary().isEmpty() || p.value(EMBEDDING).isEmpty()) {
            return null;
        }
        double e = p.value(EMBEDDING).getAsDouble();
        double m = p.value(VALUES).orElse(0);
        return new int[] {p.vocabulary().size() + 1, e >= 1 && e <= 1 << 16 ? (int) e : 1,
                m >= 0 && m <= MAX_VALUES ? (int) m : 0};
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    @Override
    public java.util.Optional<Vocabulary> symbols() {
        return java.util.Optional.of(vocabulary);
    }

    /** The symbol's index then the values. */
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

    /** A symbol and exactly m values. */
    @Override
    public String misfit(boolean hasSymbol, int n) {
        String reads = values == 0 ? "one symbol per event" : "a symbol and " + values + " values per event";
        if (!hasSymbol) {
            return "has no symbol, the model reads " + reads;
        }
        if (n == values) {
            return null;
        }
        return values == 0 ? "has " + n + " values, the model reads a symbol only"
                : "has " + n + " values, the model reads " + reads;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public FeatureParameters parameters() {
        return parameters(vocabulary, embedding, values);
    }

    /** m: the values an event carries beside its symbol. */
    public int values() {
        return values;
    }

    /** 1 + m: the symbol's index and the values. */
    @Override
    public int networkInputs(int eventSize) {
        return 1 + values;
    }

    /** V + m: one probability per vocabulary slot, the unknown one included, then one forecast per value. */
    @Override
    public int forecastValues(int eventSize) {
        return vocabulary.size() + values;
    }

    /** 1 + m: the row's index and values. */
    @Override
    public int eventSize(NetworkSpec spec) {
        return 1 + values;
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
        if (spec.embeddedValues() != values) {
            throw new IllegalArgumentException("features SYMBOLS with " + values + " values per event need a network that"
                    + " reads that many beside the symbol, it reads " + spec.embeddedValues());
        }
        if (spec.horizon() != 1 || spec.outputDim() != spec.embeddingRows() + values) {
            throw new IllegalArgumentException("features SYMBOLS need a one-step head of one output per symbol ("
                    + spec.embeddingRows() + ") and per value (" + values + "), got horizon " + spec.horizon() + " and "
                    + spec.outputDim() + " outputs");
        }
    }

    @Override
    public void inputs(float[] event, EventHistory history, double[] state, float[] mu, float[] sigma, float[] x) {
        x[0] = event[0];
        for (int j = 1; j <= values; j++) {
            x[j] = (event[j] - mu[j]) / sigma[j];
        }
    }

    @Override
    public void forecasts(double[] event, EventHistory history, double[] state, float[] mu, float[] sigma,
                          float[] out, int dims, float[] forecast, float[] zNext) {
        int v = dims - values;
        double lse = SoftmaxCrossEntropyLoss.logSumExp(out, 0, v);
        for (int j = 0; j < v; j++) {
            forecast[j] = (float) Math.exp(out[j] - lse);
            zNext[j] = forecast[j];
        }
        for (int d = 0; d < values; d++) {
            forecast[v + d] = out[v + d] * sigma[1 + d] + mu[1 + d];
            zNext[v + d] = out[v + d];
        }
    }

    /**
     * Inputs and targets are the rows themselves: the index, then the values scaled as {@link #inputs} scales them;
     * every row anchored, no base.
     */
    @Override
    public EncodedSeries encode(long[] times, float[] rowsOf, int n, float[] mu, float[] sigma, int horizon) {
        if (n != 1 + values) {
            throw new IllegalArgumentException("features SYMBOLS read " + (1 + values) + " values per event (the index"
                    + (values == 0 ? "" : " and " + values + " values") + "), got " + n);
        }
        int rows = times.length;
        float[] z = java.util.Arrays.copyOf(rowsOf, rows * n);
        for (int t = 0; t < rows; t++) {
            for (int j = 1; j < n; j++) {
                z[t * n + j] = (rowsOf[t * n + j] - mu[j]) / sigma[j];
            }
        }
        boolean[] anchored = new boolean[rows];
        java.util.Arrays.fill(anchored, true);
        return new EncodedSeries(rows, n, n, horizon, z, z, null, anchored);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SymbolFeatures f && f.vocabulary.equals(vocabulary) && f.embedding == embedding
                && f.values == values;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * vocabulary.hashCode() + embedding) + values;
    }

    @Override
    public String toString() {
        return KIND + "(" + (vocabulary.size() - 1) + " symbols, embedding " + embedding
                + (values == 0 ? "" : ", " + values + " values") + ")";
    }
}
