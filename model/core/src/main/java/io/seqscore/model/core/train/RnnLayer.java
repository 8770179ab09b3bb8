package io.seqscore.model.core.train;

import io.seqscore.model.core.CellType;
import io.seqscore.model.core.NetworkSpec;

import java.util.Arrays;

/**
 * Plain RNN, tanh or ReLU.
 * <pre>
 * forward:  h' = φ(W x + U h + b)
 * backward: da = dh'⊙φ'(h')   (tanh: 1−h'², ReLU: [h' &gt; 0]) ; dh_prev = Uᵀda ; then over all steps:
 *           dW += da⊗x  dU += da⊗h  db += da  dx = Wᵀda
 * </pre>
 * Cache: the outputs h' themselves; da [T][B][u].
 */
final class RnnLayer extends RecurrentLayer {
    private final boolean relu;
    private final float[] da;

    RnnLayer(NetworkSpec spec, int k, int maxBatch, int maxSteps) {
        super(spec, k, maxBatch, maxSteps);
        this.relu = spec.layer(k).cell() == CellType.RNN_RELU;
        this.da = new float[maxSteps * maxBatch * u];
    }

    @Override
    void forwardSteps(float[] p, float[] in, int inBase, int batch, int steps) {
        inputProjection(p, in, inBase, h, batch * u, steps * batch);
        for (int t = 0; t < steps; t++) {
            int next = (t + 1) * batch * u;
            Gemm.gemm(batch, u, u, h, t * batch * u, u, 1, uT, 0, u, h, next, u);
            if (relu) {
                for (int j = next; j < next + batch * u; j++) {
                    h[j] = Math.max(h[j], 0f);
                }
            } else {
                ActivationKernels.tanh(h, next, h, next, batch * u);
            }
        }
    }

    @Override
    void backward(float[] p, float[] g, float[] in, int inBase, float[] dIn, int batch, int steps, int burnIn) {
        Arrays.fill(dhNext, 0, batch * u, 0f);
        for (int t = steps - 1; t >= burnIn; t--) {
            int prev = t * batch * u;
            int next = prev + batch * u;
            for (int j = 0; j < batch * u; j++) {
                float y = h[next + j];
                float dh = dOut[prev + j] + dhNext[j];
                da[prev + j] = relu ? (y > 0f ? dh : 0f) : dh * (1f - y * y);
            }
            Arrays.fill(dhNext, 0, batch * u, 0f);
            Gemm.gemm(batch, u, u, da, prev, u, 1, p, uOff, u, dhNext, 0, u);
        }
        int from = burnIn * batch;
        int count = (steps - burnIn) * batch;
        Gemm.gemm(u, u, count, da, from * u, 1, u, h, from * u, u, g, uOff, u);
        inputGradients(p, g, da, in, inBase, dIn, from, count);
    }
}
