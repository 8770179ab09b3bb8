package io.seqscore.model.core.train;

import io.seqscore.model.core.LayerSpec;
import io.seqscore.model.core.NetworkSpec;

import java.util.Arrays;

/**
 * One recurrent layer of a {@link Bptt} workspace: a forward pass over a whole window for a batch that
 * caches what its backward pass needs, and the backward pass through time.
 *
 * <p>Buffers are time-major with the current batch size B: element (t, b) of a [T][B][m] buffer is at
 * (t·B+b)·m, so the rows of one step, and of a run of steps, are contiguous. {@code h} holds T+1 slots,
 * slot 0 the initial state and slot t+1 the output of step t. A layer reads its input sequence from
 * {@code in} at {@code inBase + (t·B+b)·n}: the network's inputs for layer 0, the layer below's
 * {@code h} (with {@code inBase = B·n}) otherwise.
 *
 * <p>Only the recurrent products are done step by step: x·Wᵀ for every step runs as one product before
 * the recurrence, and dW, dU, db and dx as products over all trained steps after it. The backward pass
 * overwrites the cached pre-activation gradients into the gate cache: one backward per forward.
 */
abstract class RecurrentLayer {
    final int n;
    final int u;
    final int rows;
    final int wOff;
    final int uOff;
    final int bOff;
    final int stateOff;
    /** Outputs [(T+1)][B][u]; slot 0 = initial h. */
    final float[] h;
    /** ∂L/∂h of each step's output from above (the head or the next layer): [T][B][u]. */
    final float[] dOut;
    /** ∂L/∂h_{t} carried back through the recurrence: [B][u]. */
    final float[] dhNext;
    /** W transposed, [n][G·u], and U transposed, [u][G·u], for the forward products. */
    final float[] wT;
    final float[] uT;

    RecurrentLayer(NetworkSpec spec, int k, int maxBatch, int maxSteps) {
        LayerSpec layer = spec.layer(k);
        this.n = layer.inputSize();
        this.u = layer.units();
        this.rows = layer.gateRows();
        this.wOff = spec.wOffset(k);
        this.uOff = spec.uOffset(k);
        this.bOff = spec.bOffset(k);
        this.stateOff = spec.hOffset(k);
        this.h = new float[(maxSteps + 1) * maxBatch * u];
        this.dOut = new float[maxSteps * maxBatch * u];
        this.dhNext = new float[maxBatch * u];
        this.wT = new float[n * rows];
        this.uT = new float[u * rows];
    }

    static RecurrentLayer create(NetworkSpec spec, int k, int maxBatch, int maxSteps) {
        return switch (spec.layer(k).cell()) {
            case LSTM -> new LstmLayer(spec, k, maxBatch, maxSteps);
            case GRU_RESET_AFTER -> new GruResetAfterLayer(spec, k, maxBatch, maxSteps);
            case GRU_RESET_BEFORE -> new GruResetBeforeLayer(spec, k, maxBatch, maxSteps);
            case RNN_TANH, RNN_RELU -> new RnnLayer(spec, k, maxBatch, maxSteps);
        };
    }

    /** Copies row b's state (layout of NetworkSpec, at {@code off}) into slot 0. */
    void loadState(float[] state, int off, int b) {
        System.arraycopy(state, off + stateOff, h, b * u, u);
    }

    /** Writes row b's state after step T−1 (layout of NetworkSpec, at {@code off}). */
    void storeState(float[] state, int off, int b, int batch, int steps) {
        System.arraycopy(h, (steps * batch + b) * u, state, off + stateOff, u);
    }

    /** Forward over steps 0..T−1 for a batch of B rows; slot 0 of the state must be loaded. */
    final void forward(float[] p, float[] in, int inBase, int batch, int steps) {
        Kernels.transpose(p, wOff, rows, n, wT);
        Kernels.transpose(p, uOff, rows, u, uT);
        forwardSteps(p, in, inBase, batch, steps);
    }

    abstract void forwardSteps(float[] p, float[] in, int inBase, int batch, int steps);

    /**
     * Backward from step T−1 down to step {@code burnIn}, from {@link #dOut}: accumulates into the
     * parameter gradients {@code g} and, when {@code dIn} is not null, writes ∂L/∂x of every step
     * t ≥ burnIn to {@code dIn} at (t·B+b)·n.
     */
    abstract void backward(float[] p, float[] g, float[] in, int inBase, float[] dIn, int batch, int steps, int burnIn);

    /** dst[s][0..G·u) = b + W x_s for the {@code count} rows s of the input sequence. */
    final void inputProjection(float[] p, float[] in, int inBase, float[] dst, int dstOff, int count) {
        Kernels.broadcastRows(p, bOff, rows, dst, dstOff, rows, count);
        Gemm.gemm(count, rows, n, in, inBase, n, 1, wT, 0, rows, dst, dstOff, rows);
    }

    /**
     * The input side of the backward over rows s in [from, from+count) of the pre-activation gradients
     * da ([T·B][G·u] at daOff): dW += Σ_s da_s⊗x_s, db += Σ_s da_s, and dx_s = Wᵀda_s into dIn.
     */
    final void inputGradients(float[] p, float[] g, float[] da, float[] in, int inBase, float[] dIn, int from, int count) {
        Gemm.gemm(rows, n, count, da, from * rows, 1, rows, in, inBase + from * n, n, g, wOff, n);
        Kernels.addRowSums(g, bOff, da, from * rows, rows, rows, count);
        if (dIn != null) {
            Arrays.fill(dIn, from * n, (from + count) * n, 0f);
            Gemm.gemm(count, n, rows, da, from * rows, rows, 1, p, wOff, n, dIn, from * n, n);
        }
    }
}
