package io.seqscore.model.core;

import io.seqscore.model.core.math.KernelPath;
import io.seqscore.model.core.math.ScalarKernels;

/** The reference step: {@link ScalarKernels} over the parameters in the layout of {@link NetworkSpec}. */
final class ScalarEngine implements StepEngine {
    private final NetworkSpec spec;
    private final float[] p;
    private final Workspace.Shape shape;
    private final StateSlots slots;

    /** @param params validated, owned by the caller and never written */
    ScalarEngine(NetworkSpec spec, float[] params) {
        this(spec, params, StateSlots.of(spec));
    }

    /** A step over {@code spec}'s layers whose state lives where {@code slots} says, and which may add its head. */
    ScalarEngine(NetworkSpec spec, float[] params, StateSlots slots) {
        this.spec = spec;
        this.p = params;
        this.slots = slots;
        this.shape = new Workspace.Shape(spec.maxGateRows(), 0, spec.maxUnits(), 0);
    }

    @Override
    public KernelPath path() {
        return KernelPath.SCALAR;
    }

    @Override
    public Workspace.Shape workspaceShape() {
        return shape;
    }

    @Override
    public void step(float[] s, float[] x, float[] out, Workspace ws) {
        float[] a = ws.gates;
        float[] in = x;
        int inOff = slots.inputOffset();
        for (int k = 0; k < spec.layerCount(); k++) {
            LayerSpec layer = spec.layer(k);
            int n = layer.inputSize();
            int u = layer.units();
            int rows = layer.gateRows();
            int h = slots.h(k);
            switch (layer.cell()) {
                case LSTM:
                    ScalarKernels.affine(rows, n, p, spec.wOffset(k), in, inOff, p, spec.bOffset(k), a, 0);
                    ScalarKernels.addMatVec(rows, u, p, spec.uOffset(k), s, h, a, 0);
                    ScalarKernels.lstm(a, 0, u, s, h, slots.c(k));
                    break;
                case GRU_RESET_AFTER:
                    ScalarKernels.affine(rows, n, p, spec.wOffset(k), in, inOff, p, spec.bOffset(k), a, 0);
                    ScalarKernels.affine(rows, u, p, spec.uOffset(k), s, h, p, spec.bRecOffset(k), ws.gatesRec, 0);
                    ScalarKernels.gruResetAfter(a, 0, ws.gatesRec, 0, u, s, h);
                    break;
                case GRU_RESET_BEFORE:
                    ScalarKernels.affine(rows, n, p, spec.wOffset(k), in, inOff, p, spec.bOffset(k), a, 0);
                    ScalarKernels.addMatVec(2 * u, u, p, spec.uOffset(k), s, h, a, 0);
                    ScalarKernels.resetHidden(a, 0, u, s, h, ws.hPrev, 0);
                    ScalarKernels.addMatVec(u, u, p, spec.uOffset(k) + 2 * u * u, ws.hPrev, 0, a, 2 * u);
                    ScalarKernels.gruResetBefore(a, 0, u, s, h);
                    break;
                case RNN_TANH:
                    ScalarKernels.affine(rows, n, p, spec.wOffset(k), in, inOff, p, spec.bOffset(k), a, 0);
                    ScalarKernels.addMatVec(rows, u, p, spec.uOffset(k), s, h, a, 0);
                    ScalarKernels.rnnTanh(a, 0, u, s, h);
                    break;
                case RNN_RELU:
                    ScalarKernels.affine(rows, n, p, spec.wOffset(k), in, inOff, p, spec.bOffset(k), a, 0);
                    ScalarKernels.addMatVec(rows, u, p, spec.uOffset(k), s, h, a, 0);
                    ScalarKernels.rnnRelu(a, 0, u, s, h);
                    break;
                default:
                    throw new IllegalStateException("unknown cell " + layer.cell());
            }
            in = s;
            inOff = h;
        }
        int last = slots.h(spec.layerCount() - 1);
        if (slots.addsHead()) {
            ScalarKernels.addMatVec(spec.outputSize(), spec.lastUnits(), p, spec.headWOffset(), s, last, out,
                    slots.outputOffset());
        } else {
            ScalarKernels.affine(spec.outputSize(), spec.lastUnits(), p, spec.headWOffset(), s, last, p,
                    spec.headBOffset(), out, slots.outputOffset());
        }
    }
}
