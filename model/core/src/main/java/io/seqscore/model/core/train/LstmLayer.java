package io.seqscore.model.core.train;

import io.seqscore.model.core.NetworkSpec;

import java.util.Arrays;

/**
 * LSTM (gates i, f, g, o; no peepholes).
 * <pre>
 * forward:  a = b + W x + U h ; i=σ(a_i) f=σ(a_f) g=tanh(a_g) o=σ(a_o)
 *           c' = f⊙c + i⊙g ; h' = o⊙tanh(c')
 * backward: dc = dc' + dh'⊙o⊙(1−tanh²c') ; dc_prev = dc⊙f
 *           da_i = dc⊙g⊙i(1−i)  da_f = dc⊙c⊙f(1−f)  da_g = dc⊙i⊙(1−g²)  da_o = dh'⊙tanh(c')⊙o(1−o)
 *           dh_prev = Uᵀda ; then over all steps: dW += da⊗x  dU += da⊗h  db += da  dx = Wᵀda
 * </pre>
 * Cache: gate activations [T][B][4u] (overwritten by da in the backward), c [(T+1)][B][u], tanh(c') [T][B][u].
 */
final class LstmLayer extends RecurrentLayer {
    private final int cStateOff;
    private final float[] gates;
    private final float[] c;
    private final float[] tanhC;
    private final float[] dcNext;

    LstmLayer(NetworkSpec spec, int k, int maxBatch, int maxSteps) {
        super(spec, k, maxBatch, maxSteps);
        this.cStateOff = spec.cOffset(k);
        this.gates = new float[maxSteps * maxBatch * rows];
        this.c = new float[(maxSteps + 1) * maxBatch * u];
        this.tanhC = new float[maxSteps * maxBatch * u];
        this.dcNext = new float[maxBatch * u];
    }

    @Override
    void loadState(float[] state, int off, int b) {
        super.loadState(state, off, b);
        System.arraycopy(state, off + cStateOff, c, b * u, u);
    }

    @Override
    void storeState(float[] state, int off, int b, int batch, int steps) {
        super.storeState(state, off, b, batch, steps);
        System.arraycopy(c, (steps * batch + b) * u, state, off + cStateOff, u);
    }

    @Override
    void forwardSteps(float[] p, float[] in, int inBase, int batch, int steps) {
        inputProjection(p, in, inBase, gates, 0, steps * batch);
        for (int t = 0; t < steps; t++) {
            Gemm.gemm(batch, rows, u, h, t * batch * u, u, 1, uT, 0, rows, gates, t * batch * rows, rows);
            for (int b = 0; b < batch; b++) {
                int s = t * batch + b;
                int a = s * rows;
                int prev = s * u;
                int next = prev + batch * u;
                ActivationKernels.sigmoid(gates, a, 2 * u);
                ActivationKernels.tanh(gates, a + 2 * u, gates, a + 2 * u, u);
                ActivationKernels.sigmoid(gates, a + 3 * u, u);
                for (int j = 0; j < u; j++) {
                    c[next + j] = gates[a + u + j] * c[prev + j] + gates[a + j] * gates[a + 2 * u + j];
                }
                ActivationKernels.tanh(c, next, tanhC, prev, u);
                for (int j = 0; j < u; j++) {
                    h[next + j] = gates[a + 3 * u + j] * tanhC[prev + j];
                }
            }
        }
    }

    @Override
    void backward(float[] p, float[] g, float[] in, int inBase, float[] dIn, int batch, int steps, int burnIn) {
        Arrays.fill(dhNext, 0, batch * u, 0f);
        Arrays.fill(dcNext, 0, batch * u, 0f);
        for (int t = steps - 1; t >= burnIn; t--) {
            for (int b = 0; b < batch; b++) {
                int s = t * batch + b;
                int a = s * rows;
                int prev = s * u;
                int carry = b * u;
                for (int j = 0; j < u; j++) {
                    float i = gates[a + j];
                    float f = gates[a + u + j];
                    float gg = gates[a + 2 * u + j];
                    float o = gates[a + 3 * u + j];
                    float tc = tanhC[prev + j];
                    float dh = dOut[prev + j] + dhNext[carry + j];
                    float dc = dcNext[carry + j] + dh * o * (1f - tc * tc);
                    gates[a + j] = dc * gg * i * (1f - i);
                    gates[a + u + j] = dc * c[prev + j] * f * (1f - f);
                    gates[a + 2 * u + j] = dc * i * (1f - gg * gg);
                    gates[a + 3 * u + j] = dh * tc * o * (1f - o);
                    dcNext[carry + j] = dc * f;
                }
            }
            Arrays.fill(dhNext, 0, batch * u, 0f);
            Gemm.gemm(batch, u, rows, gates, t * batch * rows, rows, 1, p, uOff, u, dhNext, 0, u);
        }
        int from = burnIn * batch;
        int count = (steps - burnIn) * batch;
        Gemm.gemm(rows, u, count, gates, from * rows, 1, rows, h, from * u, u, g, uOff, u);
        inputGradients(p, g, gates, in, inBase, dIn, from, count);
    }
}
