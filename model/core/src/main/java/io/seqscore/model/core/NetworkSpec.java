package io.seqscore.model.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The architecture of a network and the layouts that every part of seqscore shares: the flat
 * parameter array (weights), and the flat per-key state array (h and c of every layer).
 *
 * <h2>Parameter layout</h2>
 * One {@code float[]}, row-major, layer after layer, then the head. For layer k with G gates,
 * u units and n inputs (gate order: LSTM i,f,g,o; GRU z,r,h; RNN h; rows g·u … g·u+u−1 belong to
 * gate g, which is the row stack of the per-gate matrices of {@code ../shared/golden/README.md}):
 * <pre>
 *   W  [G·u][n]    at wOffset(k)      input weights
 *   U  [G·u][u]    at uOffset(k)      recurrent weights
 *   b  [G·u]       at bOffset(k)      bias
 *   bR [G·u]       at bRecOffset(k)   recurrent bias, GRU_RESET_AFTER only (−1 otherwise)
 * head (dense, from the last layer's h to H steps × D values):
 *   Wy [H·D][u_L]  at headWOffset()   row s·D+d forecasts value d at step s+1
 *   by [H·D]       at headBOffset()
 * embedding (only a network that reads symbols, {@link #embedded}):
 *   E  [V][e]      at embeddingOffset()   row v is what layer 0 reads for symbol v
 * </pre>
 * A network that reads symbols has {@code inputSize() == 1 + m}: its input is the symbol's index v (an exact
 * float in [0, V)), which it looks up in E, followed by m values (0 for a network that reads a symbol only);
 * layer 0 reads the row's e values followed by the m values (e + m inputs). Training updates E with the rest
 * (an embedding layer, as Keras' {@code Embedding}).
 *
 * <h2>State layout</h2>
 * One {@code float[stateSize()]} per key, owned by the caller: for each layer k, h [u_k] at
 * {@code hOffset(k)}, then for LSTM c [u_k] at {@code cOffset(k)}. All zeros is the initial state.
 *
 * <p>Immutable; offsets are computed once.
 */
public final class NetworkSpec {
    private final int inputSize;
    private final LayerSpec[] layers;
    private final int horizon;
    private final int outputDim;
    private final int embeddingRows;
    private final int embeddingDim;

    private final int[] paramOffsets;
    private final int[] stateOffsets;
    private final int headOffset;
    private final int paramCount;
    private final int stateSize;
    private final int maxGateRows;
    private final int maxUnits;
    private final List<ParamTensor> tensors;

    /**
     * @param inputSize values per event fed to the first layer
     * @param layers    the stacked layers; layer 0 must read {@code inputSize}, layer k+1 layer k's units
     * @param horizon   H, steps forecast by the head (1 = one-step head)
     * @param outputDim D, values forecast per step
     */
    public NetworkSpec(int inputSize, List<LayerSpec> layers, int horizon, int outputDim) {
        this(inputSize, layers, horizon, outputDim, 0);
    }

    /**
     * A network that reads one symbol per event through a trained embedding of {@code vocabulary} rows;
     * the embedding's width is layer 0's input size.
     */
    public static NetworkSpec embedded(int vocabulary, List<LayerSpec> layers, int horizon, int outputDim) {
        return embedded(vocabulary, 0, layers, horizon, outputDim);
    }

    /**
     * A network that reads per event a symbol through a trained embedding of {@code vocabulary} rows and
     * {@code values} values beside it: layer 0 reads the embedding's width plus {@code values} inputs.
     */
    public static NetworkSpec embedded(int vocabulary, int values, List<LayerSpec> layers, int horizon, int outputDim) {
        if (vocabulary < 1) {
            throw new IllegalArgumentException("embedding vocabulary must be >= 1, got " + vocabulary);
        }
        if (values < 0) {
            throw new IllegalArgumentException("values beside the symbol must be >= 0, got " + values);
        }
        return new NetworkSpec(1 + values, layers, horizon, outputDim, vocabulary);
    }

    private NetworkSpec(int inputSize, List<LayerSpec> layers, int horizon, int outputDim, int embeddingRows) {
        if (inputSize < 1) {
            throw new IllegalArgumentException("input size must be >= 1, got " + inputSize);
        }
        if (layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be >= 1, got " + horizon);
        }
        if (outputDim < 1) {
            throw new IllegalArgumentException("output dimension must be >= 1, got " + outputDim);
        }
        this.inputSize = inputSize;
        this.layers = layers.toArray(new LayerSpec[0]);
        this.horizon = horizon;
        this.outputDim = outputDim;
        this.embeddingRows = embeddingRows;
        this.embeddingDim = embeddingRows > 0 && this.layers.length > 0 && this.layers[0] != null
                ? this.layers[0].inputSize() - (inputSize - 1) : 0;
        if (embeddingRows > 0 && embeddingDim < 1) {
            throw new IllegalArgumentException("layer 0 reads " + this.layers[0].inputSize() + " inputs, no room for an"
                    + " embedding beside " + (inputSize - 1) + " values");
        }
        this.paramOffsets = new int[this.layers.length];
        this.stateOffsets = new int[this.layers.length];
        int expectedInput = embeddingRows > 0 ? embeddingDim + inputSize - 1 : inputSize;
        long params = 0;
        int state = 0;
        int rows = 0;
        int units = 0;
        for (int k = 0; k < this.layers.length; k++) {
            LayerSpec layer = this.layers[k];
            if (layer == null) {
                throw new IllegalArgumentException("layer " + k + " is null");
            }
            if (layer.inputSize() != expectedInput) {
                throw new IllegalArgumentException("layer " + k + " reads " + layer.inputSize()
                        + " inputs but " + (k == 0 ? (embeddingRows > 0 ? "the embedding has " : "the network input has ")
                        : "layer " + (k - 1) + " has ")
                        + expectedInput);
            }
            paramOffsets[k] = Math.toIntExact(params);
            stateOffsets[k] = state;
            params += layer.paramCount();
            state += layer.stateSize();
            rows = Math.max(rows, layer.gateRows());
            units = Math.max(units, layer.units());
            expectedInput = layer.units();
        }
        this.headOffset = Math.toIntExact(params);
        params += (long) horizon * outputDim * expectedInput + (long) horizon * outputDim;
        params += (long) embeddingRows * embeddingDim;
        if (params > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("network has too many parameters: " + params);
        }
        this.paramCount = (int) params;
        this.stateSize = state;
        this.maxGateRows = rows;
        this.maxUnits = units;
        this.tensors = buildTensors();
    }

    private List<ParamTensor> buildTensors() {
        List<ParamTensor> ts = new ArrayList<>();
        for (int k = 0; k < layers.length; k++) {
            LayerSpec l = layers[k];
            int rows = l.gateRows();
            ts.add(new ParamTensor("layer" + k + ".W", wOffset(k), new int[] {rows, l.inputSize()}));
            ts.add(new ParamTensor("layer" + k + ".U", uOffset(k), new int[] {rows, l.units()}));
            ts.add(new ParamTensor("layer" + k + ".b", bOffset(k), new int[] {rows}));
            if (l.cell().hasRecurrentBias()) {
                ts.add(new ParamTensor("layer" + k + ".bR", bRecOffset(k), new int[] {rows}));
            }
        }
        ts.add(new ParamTensor("head.W", headWOffset(), new int[] {outputSize(), lastUnits()}));
        ts.add(new ParamTensor("head.b", headBOffset(), new int[] {outputSize()}));
        if (embeddingRows > 0) {
            ts.add(new ParamTensor("embedding", embeddingOffset(), new int[] {embeddingRows, embeddingDim}));
        }
        return List.copyOf(ts);
    }

    /** Same cell and units for every layer; one value per step forecast (D = input size, H = 1). */
    public static NetworkSpec uniform(CellType cell, int inputSize, int units, int layerCount) {
        return uniform(cell, inputSize, units, layerCount, 1, inputSize);
    }

    /** Same cell and units for every layer, head of {@code horizon} steps × {@code outputDim} values. */
    public static NetworkSpec uniform(CellType cell, int inputSize, int units, int layerCount,
                                      int horizon, int outputDim) {
        if (layerCount < 1) {
            throw new IllegalArgumentException("layer count must be >= 1, got " + layerCount);
        }
        LayerSpec[] ls = new LayerSpec[layerCount];
        for (int k = 0; k < layerCount; k++) {
            ls[k] = new LayerSpec(cell, k == 0 ? inputSize : units, units);
        }
        return new NetworkSpec(inputSize, List.of(ls), horizon, outputDim);
    }

    public int inputSize() {
        return inputSize;
    }

    /** Whether the network reads a symbol's index through an embedding ({@link #embedded}). */
    public boolean hasEmbedding() {
        return embeddingRows > 0;
    }

    /** V: rows of the embedding (0 when the network reads values). */
    public int embeddingRows() {
        return embeddingRows;
    }

    /** e: values per embedding row, layer 0's input size less the values read beside it (0 when the network reads values). */
    public int embeddingDim() {
        return embeddingDim;
    }

    /** m: values a network with an embedding reads beside the symbol (0 for one that reads a symbol only, or none). */
    public int embeddedValues() {
        return embeddingRows > 0 ? inputSize - 1 : 0;
    }

    /** Offset of the embedding E [V][e], after the head; −1 when the network has none. */
    public int embeddingOffset() {
        return embeddingRows > 0 ? headBOffset() + outputSize() : -1;
    }

    public int layerCount() {
        return layers.length;
    }

    public LayerSpec layer(int k) {
        return layers[k];
    }

    public List<LayerSpec> layers() {
        return List.of(layers);
    }

    /** H: steps ahead the head forecasts. */
    public int horizon() {
        return horizon;
    }

    /** D: values forecast per step. */
    public int outputDim() {
        return outputDim;
    }

    /** H·D: length of the forecast written by a step. */
    public int outputSize() {
        return horizon * outputDim;
    }

    /** Units of the last layer, which the head reads. */
    public int lastUnits() {
        return layers[layers.length - 1].units();
    }

    public int paramCount() {
        return paramCount;
    }

    public int stateSize() {
        return stateSize;
    }

    /** Largest G·u over the layers: the size of a gate scratch buffer. */
    public int maxGateRows() {
        return maxGateRows;
    }

    /** Largest u over the layers. */
    public int maxUnits() {
        return maxUnits;
    }

    public int wOffset(int k) {
        return paramOffsets[k];
    }

    public int uOffset(int k) {
        LayerSpec l = layers[k];
        return paramOffsets[k] + l.gateRows() * l.inputSize();
    }

    public int bOffset(int k) {
        LayerSpec l = layers[k];
        return uOffset(k) + l.gateRows() * l.units();
    }

    /** Offset of the recurrent bias bR, or −1 when the layer's cell has none. */
    public int bRecOffset(int k) {
        LayerSpec l = layers[k];
        return l.cell().hasRecurrentBias() ? bOffset(k) + l.gateRows() : -1;
    }

    public int headWOffset() {
        return headOffset;
    }

    public int headBOffset() {
        return headOffset + outputSize() * lastUnits();
    }

    /** The named tensors of the parameter array, in layout order; together they cover it exactly. */
    public List<ParamTensor> tensors() {
        return tensors;
    }

    /** Names the element at a flat parameter index, e.g. {@code layer1.U[3][7]}, for error messages. */
    public String describeParam(int index) {
        if (index < 0 || index >= paramCount) {
            throw new IndexOutOfBoundsException("parameter index " + index + " outside [0, " + paramCount + ")");
        }
        for (int t = tensors.size() - 1; t >= 0; t--) {
            ParamTensor tensor = tensors.get(t);
            if (index >= tensor.offset()) {
                return tensor.element(index - tensor.offset());
            }
        }
        throw new AssertionError("tensors do not cover index " + index);
    }

    public int hOffset(int k) {
        return stateOffsets[k];
    }

    /** Offset of layer k's cell vector c, or −1 when the layer's cell has none. */
    public int cOffset(int k) {
        LayerSpec l = layers[k];
        return l.cell().hasCellState() ? stateOffsets[k] + l.units() : -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkSpec s && inputSize == s.inputSize && horizon == s.horizon
                && outputDim == s.outputDim && embeddingRows == s.embeddingRows && Arrays.equals(layers, s.layers);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * (31 * inputSize + horizon) + outputDim) + embeddingRows) + Arrays.hashCode(layers);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("NetworkSpec[input=").append(inputSize);
        if (embeddingRows > 0) {
            sb.append(", embedding=").append(embeddingRows).append('x').append(embeddingDim);
            if (inputSize > 1) {
                sb.append(" + ").append(inputSize - 1).append(" values");
            }
        }
        sb.append(", layers=");
        for (int k = 0; k < layers.length; k++) {
            sb.append(k == 0 ? "" : " > ").append(layers[k].cell()).append('(').append(layers[k].units()).append(')');
        }
        return sb.append(", horizon=").append(horizon).append(", outputDim=").append(outputDim).append(']').toString();
    }
}
