package io.seqscore.model.core.train;

import io.seqscore.model.core.NetworkSpec;

import java.util.Arrays;

/**
 * Backpropagation through time for one network over a slice of a {@link Batch}: the whole window
 * forward with every activation cached, then the exact gradient of the batch loss back through all
 * layers and steps down to the burn-in boundary (full BPTT within the window; truncated at the window
 * start and at the burn-in). Layer k+1 reads layer k's h; the head reads the last layer's h at every step.
 *
 * <p>Lifecycle, as llm.c's: {@link #zeroGrad()}, {@link #forward} (returns the summed loss),
 * {@link #backward} (accumulates into {@link #grads()}). The gradient array has the parameter layout of
 * {@link NetworkSpec}. All buffers are allocated once, for up to {@code maxBatch} rows and
 * {@code maxSteps} steps; not thread-safe (one instance per worker).
 */
public final class Bptt {
    private final NetworkSpec spec;
    private final Loss loss;
    private final int maxBatch;
    private final int maxSteps;
    private final RecurrentLayer[] layers;
    private final DenseHead head;
    /** The inputs of the slice, time-major: [T][B][n] (n = layer 0's inputs: for a network with an embedding, its width then the values read beside it). */
    private final float[] xs;
    /** ∂L/∂xs of an embedded network, [T][B][n]; null otherwise. */
    private final float[] dXs;
    private final float[] grads;

    private Batch batch;
    private int from;
    private int rows;
    private boolean backwardDone;

    public Bptt(NetworkSpec spec, Loss loss, int maxBatch, int maxSteps) {
        if (maxBatch < 1 || maxSteps < 1) {
            throw new IllegalArgumentException("capacity must be >= 1: maxBatch=" + maxBatch + " maxSteps=" + maxSteps);
        }
        loss.targetSize(spec);
        this.spec = spec;
        this.loss = loss;
        this.maxBatch = maxBatch;
        this.maxSteps = maxSteps;
        this.layers = new RecurrentLayer[spec.layerCount()];
        for (int k = 0; k < layers.length; k++) {
            layers[k] = RecurrentLayer.create(spec, k, maxBatch, maxSteps);
        }
        this.head = new DenseHead(spec, maxBatch, maxSteps);
        int n = spec.layer(0).inputSize();
        this.xs = new float[maxSteps * maxBatch * n];
        this.dXs = spec.hasEmbedding() ? new float[maxSteps * maxBatch * n] : null;
        this.grads = new float[spec.paramCount()];
    }

    public NetworkSpec spec() {
        return spec;
    }

    public Loss loss() {
        return loss;
    }

    public int maxBatch() {
        return maxBatch;
    }

    public int maxSteps() {
        return maxSteps;
    }

    /** The accumulated gradient, layout of {@link NetworkSpec}; backing array. */
    public float[] grads() {
        return grads;
    }

    public void zeroGrad() {
        Arrays.fill(grads, 0f);
    }

    /**
     * Runs rows [from, from+count) of the batch forward from their initial states and caches every
     * activation. Returns Σ over those rows and the steps t ≥ burn-in of mask · Σ_e ℓ_e, the numerator of
     * the batch loss (divide by {@link Batch#lossCount()}).
     */
    public double forward(float[] params, Batch source, int fromRow, int count) {
        checkShapes(params, source, fromRow, count);
        this.batch = source;
        this.from = fromRow;
        this.rows = count;
        this.backwardDone = false;
        int steps = source.steps();
        int n = spec.inputSize();
        float[] x = source.inputs();
        for (int b = 0; b < count; b++) {
            for (int t = 0; t < steps; t++) {
                if (dXs != null) {
                    int e = spec.embeddingDim();
                    int m = n - 1;
                    int at = ((fromRow + b) * steps + t) * n;
                    int to = (t * count + b) * (e + m);
                    System.arraycopy(params, embeddingRow(x[at]), xs, to, e);
                    System.arraycopy(x, at + 1, xs, to + e, m);
                } else {
                    System.arraycopy(x, ((fromRow + b) * steps + t) * n, xs, (t * count + b) * n, n);
                }
            }
            for (RecurrentLayer layer : layers) {
                layer.loadState(source.initialState(), (fromRow + b) * spec.stateSize(), b);
            }
        }
        float[] in = xs;
        int inBase = 0;
        for (RecurrentLayer layer : layers) {
            layer.forward(params, in, inBase, count, steps);
            in = layer.h;
            inBase = count * layer.u;
        }
        RecurrentLayer top = layers[layers.length - 1];
        head.forward(params, top.h, count, steps, source.burnIn());
        return lossSum();
    }

    private double lossSum() {
        int steps = batch.steps();
        int outputs = spec.outputSize();
        int targetSize = batch.targetSize();
        float[] y = batch.targets();
        float[] mask = batch.mask();
        double sum = 0;
        for (int b = 0; b < rows; b++) {
            for (int t = batch.burnIn(); t < steps; t++) {
                float w = mask[(from + b) * steps + t];
                if (w != 0f) {
                    sum += w * loss.forward(head.out, (t * rows + b) * outputs, y,
                            ((from + b) * steps + t) * targetSize, spec.horizon(), spec.outputDim());
                }
            }
        }
        return sum;
    }

    /**
     * Accumulates into {@link #grads()} the gradient of (loss sum of the last forward) / {@code count}:
     * with {@code count = batch.lossCount()} the slices of a batch add up to the gradient of its mean loss.
     * {@code params} must be those of the forward. The backward consumes the forward's cache: one
     * backward per forward.
     */
    public void backward(float[] params, double count) {
        if (batch == null || backwardDone) {
            throw new IllegalStateException("backward needs a forward of its own");
        }
        backwardDone = true;
        if (!(count > 0)) {
            throw new IllegalArgumentException("loss count must be > 0, got " + count);
        }
        int steps = batch.steps();
        int burnIn = batch.burnIn();
        RecurrentLayer top = layers[layers.length - 1];
        head.backward(params, grads, top.h, top.dOut, loss, spec.horizon(), spec.outputDim(), batch, from, rows, count);
        for (int k = layers.length - 1; k >= 0; k--) {
            RecurrentLayer layer = layers[k];
            float[] in = k == 0 ? xs : layers[k - 1].h;
            int inBase = k == 0 ? 0 : rows * layer.n;
            float[] dIn = k == 0 ? dXs : layers[k - 1].dOut;
            layer.backward(params, grads, in, inBase, dIn, rows, steps, burnIn);
        }
        if (dXs != null) {
            embeddingGradients(steps, burnIn);
        }
    }

    /** dE[v] += ∂L/∂x_t (its first e values: the embedding row's) for every trained step t whose symbol is v. */
    private void embeddingGradients(int steps, int burnIn) {
        int e = spec.embeddingDim();
        int n = spec.inputSize();
        int width = spec.layer(0).inputSize();
        float[] x = batch.inputs();
        for (int t = burnIn; t < steps; t++) {
            for (int b = 0; b < rows; b++) {
                int dst = embeddingRow(x[((from + b) * steps + t) * n]);
                int src = (t * rows + b) * width;
                for (int j = 0; j < e; j++) {
                    grads[dst + j] += dXs[src + j];
                }
            }
        }
    }

    /** Offset of a symbol's embedding row in the parameters. */
    private int embeddingRow(float symbol) {
        int v = (int) symbol;
        if (v != symbol || v < 0 || v >= spec.embeddingRows()) {
            throw new IllegalArgumentException("symbol index " + symbol + " outside the embedding's [0, "
                    + spec.embeddingRows() + ")");
        }
        return spec.embeddingOffset() + v * spec.embeddingDim();
    }

    /** Head output j (of H·D) for row {@code row} of the last forward's slice at step t ≥ burn-in. */
    public float output(int row, int t, int j) {
        if (row < 0 || row >= rows || t < batch.burnIn() || t >= batch.steps() || j < 0 || j >= spec.outputSize()) {
            throw new IndexOutOfBoundsException("no output (row " + row + ", step " + t + ", value " + j + ")");
        }
        return head.out[(t * rows + row) * spec.outputSize() + j];
    }

    /** Writes the state after the last step of row {@code row} of the last forward (layout of NetworkSpec). */
    public void finalState(int row, float[] state, int off) {
        if (row < 0 || row >= rows) {
            throw new IndexOutOfBoundsException("row " + row + " of " + rows);
        }
        for (RecurrentLayer layer : layers) {
            layer.storeState(state, off, row, rows, batch.steps());
        }
    }

    private void checkShapes(float[] params, Batch source, int fromRow, int count) {
        if (params.length != spec.paramCount()) {
            throw new IllegalArgumentException("expected " + spec.paramCount() + " parameters, got " + params.length);
        }
        if (source.inputSize() != spec.inputSize() || source.targetSize() != loss.targetSize(spec)
                || source.stateSize() != spec.stateSize()) {
            throw new IllegalArgumentException("batch of inputs " + source.inputSize() + ", targets " + source.targetSize()
                    + ", state " + source.stateSize() + " does not fit " + spec + " with loss " + loss);
        }
        if (fromRow < 0 || count < 1 || fromRow + count > source.size()) {
            throw new IllegalArgumentException("rows [" + fromRow + ", " + (fromRow + count) + ") outside a batch of "
                    + source.size());
        }
        if (count > maxBatch || source.steps() > maxSteps) {
            throw new IllegalArgumentException(count + " rows of " + source.steps() + " steps exceed the capacity of "
                    + maxBatch + " rows of " + maxSteps + " steps");
        }
    }
}
