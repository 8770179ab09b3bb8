package io.seqscore.model.core;

import io.seqscore.model.core.math.KernelPath;
import io.seqscore.model.core.math.PackedMatrix;
import io.seqscore.model.core.math.VectorKernels;

/**
 * The fast step: {@link VectorKernels} over weights repacked once at build time. Each gate block is
 * padded to uPad rows (a whole number of vectors); [W | U] is one matrix read against [x ; h], except
 * for GRU reset-after, whose U·h + bR must stay apart; the rows of the gate that goes through tanh
 * (LSTM g, GRU ĥ, tanh RNN) are doubled, as {@link VectorKernels} expects. Build only when
 * {@link KernelPath#vectorAvailable()}.
 */
final class VectorEngine implements StepEngine {
    private static final class Layer {
        final CellType cell;
        final int n;
        final int u;
        final int uPad;
        final int rows;
        final int hOff;
        final int cOff;
        final PackedMatrix w;
        final PackedMatrix rec;
        final float[] b;
        final float[] bRec;

        Layer(NetworkSpec spec, int k, float[] p, StateSlots slots) {
            LayerSpec l = spec.layer(k);
            cell = l.cell();
            n = l.inputSize();
            u = l.units();
            uPad = VectorKernels.padded(u);
            rows = cell.gates() * uPad;
            hOff = slots.h(k);
            cOff = slots.c(k);
            int lanes = VectorKernels.lanes();
            b = gateRows(p, spec.bOffset(k), 1);
            if (cell == CellType.GRU_RESET_AFTER) {
                w = PackedMatrix.pack(gateRows(p, spec.wOffset(k), n), 0, rows, n, lanes, rows);
                rec = PackedMatrix.pack(gateRows(p, spec.uOffset(k), u), 0, rows, u, lanes, rows);
                bRec = gateRows(p, spec.bRecOffset(k), 1);
            } else {
                float[] wu = new float[rows * (n + u)];
                copyGateRows(p, spec.wOffset(k), n, wu, n + u, 0);
                copyGateRows(p, spec.uOffset(k), u, wu, n + u, n);
                int[] segments = cell == CellType.GRU_RESET_BEFORE ? new int[] {2 * uPad, uPad} : new int[] {rows};
                w = PackedMatrix.pack(wu, 0, rows, n + u, lanes, segments);
                rec = null;
                bRec = null;
            }
        }

        /** The [gates·u][cols] matrix at p[off] as [gates·uPad][cols]; see {@link #copyGateRows}. */
        private float[] gateRows(float[] p, int off, int cols) {
            float[] m = new float[rows * cols];
            copyGateRows(p, off, cols, m, cols, 0);
            return m;
        }

        /**
         * Copies the [gates·u][srcCols] matrix at p[off] into dst, [gates·uPad][dstCols] row-major, row g·u+i
         * to row g·uPad+i from column colOff on; the rows of the tanh gate are doubled (exact in float).
         */
        private void copyGateRows(float[] p, int off, int srcCols, float[] dst, int dstCols, int colOff) {
            int tanhGate = tanhGate(cell);
            for (int g = 0; g < cell.gates(); g++) {
                float scale = g == tanhGate ? 2f : 1f;
                for (int i = 0; i < u; i++) {
                    int from = off + (g * u + i) * srcCols;
                    int to = (g * uPad + i) * dstCols + colOff;
                    for (int j = 0; j < srcCols; j++) {
                        dst[to + j] = scale * p[from + j];
                    }
                }
            }
        }
    }

    /** The gate whose pre-activation goes through tanh, or −1. */
    private static int tanhGate(CellType cell) {
        switch (cell) {
            case LSTM:
            case GRU_RESET_AFTER:
            case GRU_RESET_BEFORE:
                return 2;
            case RNN_TANH:
                return 0;
            default:
                return -1;
        }
    }

    private final Layer[] layers;
    /** The head as padded vectors, or null for a head of one output ({@link #headRow}). */
    private final PackedMatrix head;
    private final float[] headBias;
    /**
     * A head of one output, its weights unpadded: one row of the last layer's units, read by a scalar fma chain
     * (the same bits as the vector lane: the bias, then one fma per column in column order) instead of a padded
     * vector block whose other lanes are zeros; at LSTM-64 on 16 lanes, 256 bytes read per step instead of 4 KB.
     */
    private final float[] headRow;
    private final int outputSize;
    private final int outputPad;
    private final int lastH;
    private final boolean addsHead;
    private final int inputOffset;
    private final int outputOffset;
    private final Workspace.Shape shape;

    /** @param params validated; read here, not kept */
    VectorEngine(NetworkSpec spec, float[] params) {
        this(spec, params, StateSlots.of(spec));
    }

    /** A step over {@code spec}'s layers whose state lives where {@code slots} says, and which may add its head. */
    VectorEngine(NetworkSpec spec, float[] params, StateSlots slots) {
        layers = new Layer[spec.layerCount()];
        int gates = 0;
        int inputs = 0;
        int units = 0;
        for (int k = 0; k < layers.length; k++) {
            Layer l = new Layer(spec, k, params, slots);
            layers[k] = l;
            gates = Math.max(gates, l.rows);
            inputs = Math.max(inputs, l.n + l.uPad);
            units = Math.max(units, l.uPad);
        }
        outputSize = spec.outputSize();
        outputPad = VectorKernels.padded(outputSize);
        int uLast = spec.lastUnits();
        if (outputSize == 1) {
            headRow = zeroPadded(params, spec.headWOffset(), uLast, uLast);
            head = null;
        } else {
            headRow = null;
            head = PackedMatrix.pack(zeroPadded(params, spec.headWOffset(), outputSize * uLast, outputPad * uLast),
                    0, outputPad, uLast, VectorKernels.lanes(), outputPad);
        }
        headBias = zeroPadded(params, spec.headBOffset(), outputSize, outputPad);
        lastH = slots.h(layers.length - 1);
        addsHead = slots.addsHead();
        inputOffset = slots.inputOffset();
        outputOffset = slots.outputOffset();
        shape = new Workspace.Shape(gates, inputs, units, outputPad);
    }

    /** p[off..off+len) followed by zeros up to paddedLen. */
    private static float[] zeroPadded(float[] p, int off, int len, int paddedLen) {
        float[] m = new float[paddedLen];
        System.arraycopy(p, off, m, 0, len);
        return m;
    }

    @Override
    public KernelPath path() {
        return KernelPath.VECTOR;
    }

    @Override
    public Workspace.Shape workspaceShape() {
        return shape;
    }

    @Override
    public void step(float[] s, float[] x, float[] out, Workspace ws) {
        float[] xh = ws.inputs;
        float[] a = ws.gates;
        boolean down = ws.descending;
        ws.descending = !down;
        float[] in = x;
        int inOff = inputOffset;
        for (Layer l : layers) {
            int n = l.n;
            int u = l.u;
            System.arraycopy(in, inOff, xh, 0, n);
            System.arraycopy(s, l.hOff, xh, n, u);
            switch (l.cell) {
                case LSTM:
                    System.arraycopy(s, l.cOff, ws.c, 0, u);
                    VectorKernels.affine(l.w, 0, l.rows, xh, 0, l.b, 0, a, 0, down);
                    VectorKernels.lstm(a, l.uPad, ws.c, ws.h);
                    System.arraycopy(ws.c, 0, s, l.cOff, u);
                    break;
                case GRU_RESET_AFTER:
                    System.arraycopy(s, l.hOff, ws.hPrev, 0, u);
                    VectorKernels.affine(l.w, 0, l.rows, xh, 0, l.b, 0, a, 0, down);
                    VectorKernels.affine(l.rec, 0, l.rows, xh, n, l.bRec, 0, ws.gatesRec, 0, down);
                    VectorKernels.gruResetAfter(a, ws.gatesRec, l.uPad, ws.hPrev, ws.h);
                    break;
                case GRU_RESET_BEFORE:
                    System.arraycopy(s, l.hOff, ws.hPrev, 0, u);
                    VectorKernels.affine(l.w, 0, 2 * l.uPad, xh, 0, l.b, 0, a, 0, down);
                    VectorKernels.resetHidden(a, l.uPad, ws.hPrev, xh, n);
                    VectorKernels.affine(l.w, 2 * l.uPad, l.uPad, xh, 0, l.b, 2 * l.uPad, a, 2 * l.uPad, down);
                    VectorKernels.gruResetBefore(a, l.uPad, ws.hPrev, ws.h);
                    break;
                case RNN_TANH:
                    VectorKernels.affine(l.w, 0, l.rows, xh, 0, l.b, 0, a, 0, down);
                    VectorKernels.rnnTanh(a, l.uPad, ws.h);
                    break;
                case RNN_RELU:
                    VectorKernels.affine(l.w, 0, l.rows, xh, 0, l.b, 0, a, 0, down);
                    VectorKernels.rnnRelu(a, l.uPad, ws.h);
                    break;
                default:
                    throw new IllegalStateException("unknown cell " + l.cell);
            }
            System.arraycopy(ws.h, 0, s, l.hOff, u);
            in = s;
            inOff = l.hOff;
        }
        if (headRow != null) {
            float y = dot(headRow, s, lastH, headBias[0]);
            out[outputOffset] = addsHead ? out[outputOffset] + y : y;
            return;
        }
        VectorKernels.affine(head, 0, outputPad, s, lastH, headBias, 0, ws.head, 0, down);
        if (addsHead) {
            for (int i = 0; i < outputSize; i++) {
                out[outputOffset + i] += ws.head[i];
            }
        } else {
            System.arraycopy(ws.head, 0, out, outputOffset, outputSize);
        }
    }

    /** bias + Σ_j w[j]·in[inOff + j], one fma per column in column order (a vector lane's bits). */
    private static float dot(float[] w, float[] in, int inOff, float bias) {
        float acc = bias;
        for (int j = 0; j < w.length; j++) {
            acc = Math.fma(w[j], in[inOff + j], acc);
        }
        return acc;
    }
}
