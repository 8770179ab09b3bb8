package io.seqscore.model.core;

import io.seqscore.model.core.math.KernelPath;
import java.util.Objects;

/**
 * A recurrent network with fixed weights that steps a key's state one event at a time.
 *
 * <p>Immutable and thread-safe: any number of threads may step their own states at once. The state
 * ({@link NetworkSpec} layout) is owned by the caller and updated in place; a {@link Workspace} holds the
 * scratch buffers and must not be shared between threads that step at the same time. The 4-argument
 * {@code step} takes one explicitly (the fastest form: e.g. one per Kafka Streams task); the 3-argument
 * form uses one per thread (a ThreadLocal of this network), created on the thread's first step and
 * reused after; it goes with the thread, or is dropped lazily once this network is garbage.
 *
 * <p>A step allocates nothing. Stepping a sequence event by event gives exactly the bits of
 * {@link #forward} over the whole sequence, which runs the same step. The kernel path (scalar reference
 * or vector API) is chosen when the network is built: {@link KernelPath#selected()} unless given.
 *
 * <p>Results are deterministic: the same weights, state and input give the same bits on every run, on
 * either path (the vector path also on any vector width, JIT-compiled or not). The two paths agree within
 * 1e−5, not bit for bit: the vector path fuses multiply-adds and evaluates σ with its own polynomial.
 * Inputs are not checked for NaN or infinity; policy on bad values belongs to the caller. A network with an
 * embedding ({@link NetworkSpec#embedded}) reads one float per event, the symbol's index, and looks up its row.
 *
 * <p>A network whose weights are block-diagonal (K independent stacks side by side, as {@link NetworkEnsemble}
 * fuses an ensemble; found by {@link BlockDiagonal} when the network is built) is stepped block by block: the same
 * function, K times fewer recurrent multiply-adds, results within float rounding of the dense step.
 */
public final class Network {
    private final NetworkSpec spec;
    private final float[] params;
    private final StepEngine engine;
    private final Workspace.Shape shape;
    private final ThreadLocal<Workspace> perThread;

    private Network(NetworkSpec spec, float[] params, StepEngine engine) {
        this.spec = spec;
        this.params = params;
        this.engine = engine;
        this.shape = engine.workspaceShape();
        this.perThread = ThreadLocal.withInitial(this::newWorkspace);
    }

    /** A network on the kernel path of {@link KernelPath#selected()}; params are copied. */
    public static Network of(NetworkSpec spec, float[] params) {
        return of(spec, params, KernelPath.selected());
    }

    /**
     * A network on the given kernel path; params (in the layout of {@code spec}) are copied.
     *
     * @throws IllegalArgumentException when params has the wrong length or a weight that is NaN or infinite
     * @throws IllegalStateException    when path is VECTOR and the vector module is absent
     */
    public static Network of(NetworkSpec spec, float[] params, KernelPath path) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(path, "path").requireAvailable();
        float[] copy = params.clone();
        ParameterCheck.requireValid(spec, copy);
        int blocks = BlockDiagonal.blocks(spec, copy);
        StepEngine engine = blocks > 1 ? BlockEngine.of(spec, copy, blocks, path)
                : path == KernelPath.VECTOR ? new VectorEngine(spec, copy) : new ScalarEngine(spec, copy);
        return new Network(spec, copy, engine);
    }

    public NetworkSpec spec() {
        return spec;
    }

    public KernelPath kernelPath() {
        return engine.path();
    }

    /** K, the independent blocks the step runs one by one (1 for a network that is not block-diagonal). */
    public int blockCount() {
        return engine instanceof BlockEngine b ? b.blockCount() : 1;
    }

    public int inputSize() {
        return spec.inputSize();
    }

    public int stateSize() {
        return spec.stateSize();
    }

    /** H·D: floats written by a step. */
    public int outputSize() {
        return spec.outputSize();
    }

    /** A fresh all-zero state, the initial state of every key. */
    public float[] newState() {
        return new float[spec.stateSize()];
    }

    /** A copy of the weights in the layout of {@link NetworkSpec}. */
    public float[] copyParams() {
        return params.clone();
    }

    /** Scratch buffers for {@link #step(float[], float[], float[], Workspace)}; serves this network's path. */
    public Workspace newWorkspace() {
        return new Workspace(shape, spec.hasEmbedding() ? spec.layer(0).inputSize() : 0);
    }

    /** One event, with this thread's workspace. See {@link #step(float[], float[], float[], Workspace)}. */
    public void step(float[] state, float[] x, float[] out) {
        step(state, x, out, perThread.get());
    }

    /**
     * Consumes one event: the state moves in place from (h, c) before x to after x, layer by layer, and
     * out receives the head's forecast from the last layer's new h (row s·D+d: value d at step s+1).
     *
     * @param state stateSize() floats, updated in place
     * @param x     inputSize() floats
     * @param out   outputSize() floats, overwritten
     * @param ws    scratch buffers, from {@link #newWorkspace()} of this or a network at least as large
     */
    public void step(float[] state, float[] x, float[] out, Workspace ws) {
        checkLength("state", state, spec.stateSize());
        checkLength("x", x, spec.inputSize());
        checkLength("out", out, spec.outputSize());
        if (!ws.shape.covers(shape) || spec.hasEmbedding() && ws.embedded.length < spec.layer(0).inputSize()) {
            throw new IllegalArgumentException("workspace " + ws.shape + " is too small for this network's " + shape);
        }
        if (spec.hasEmbedding()) {
            engine.step(state, embed(x, ws.embedded), out, ws);
        } else {
            engine.step(state, x, out, ws);
        }
    }

    /** The whole sequence, with this thread's workspace. See {@link #forward(float[], float[][], float[][], Workspace)}. */
    public void forward(float[] state, float[][] xs, float[][] outs) {
        forward(state, xs, outs, perThread.get());
    }

    /**
     * Consumes xs[0..T) in order from the given state: state ends as the state after xs[T−1] and outs[t]
     * receives the forecast made after xs[t]. Bit for bit the same as T calls of {@code step}.
     *
     * @param xs   [T][inputSize()]
     * @param outs [T][outputSize()], overwritten
     */
    public void forward(float[] state, float[][] xs, float[][] outs, Workspace ws) {
        if (outs.length != xs.length) {
            throw new IllegalArgumentException("outs has " + outs.length + " rows for " + xs.length + " steps");
        }
        for (int t = 0; t < xs.length; t++) {
            step(state, xs[t], outs[t], ws);
        }
    }

    /** Layer 0's input: symbol v = x[0]'s embedding row (v an index in [0, V)), then the values x[1..]. */
    private float[] embed(float[] x, float[] row) {
        float symbol = x[0];
        int v = (int) symbol;
        if (v != symbol || v < 0 || v >= spec.embeddingRows()) {
            throw new IllegalArgumentException("symbol index " + symbol + " outside the embedding's [0, "
                    + spec.embeddingRows() + ")");
        }
        int e = spec.embeddingDim();
        System.arraycopy(params, spec.embeddingOffset() + v * e, row, 0, e);
        System.arraycopy(x, 1, row, e, x.length - 1);
        return row;
    }

    private static void checkLength(String what, float[] a, int expected) {
        if (a.length != expected) {
            throw new IllegalArgumentException(what + " has " + a.length + " floats, expected " + expected);
        }
    }

    @Override
    public String toString() {
        return "Network[" + spec + ", " + engine.path() + "]";
    }
}
