package io.seqscore.model.core.train;

import io.seqscore.model.core.NetworkSpec;

import java.util.Arrays;

/**
 * GRU with the reset applied before the recurrent product, one bias per gate.
 * <pre>
 * forward:  z=σ(W_z x+U_z h+b_z) r=σ(W_r x+U_r h+b_r) n=tanh(W_h x + U_h (r⊙h) + b_h) ; h' = z⊙h + (1−z)⊙n
 * backward: da_z = dh'⊙(h−n)⊙z(1−z) ; da_n = dh'⊙(1−z)⊙(1−n²) ; d(rh) = U_hᵀda_n ; da_r = d(rh)⊙h⊙r(1−r)
 *           dh_prev = dh'⊙z + d(rh)⊙r + U_zrᵀda_zr ; then over all steps:
 *           dW += da⊗x  db += da  dx = Wᵀda  dU_zr += da_zr⊗h  dU_h += da_n⊗(r⊙h)
 * </pre>
 * Cache: z, r, n [T][B][3u] (overwritten by da) and r⊙h [T][B][u].
 */
final class GruResetBeforeLayer extends RecurrentLayer {
    private final float[] gates;
    private final float[] rh;
    private final float[] drh;

    GruResetBeforeLayer(NetworkSpec spec, int k, int maxBatch, int maxSteps) {
        super(spec, k, maxBatch, maxSteps);
        this.gates = new float[maxSteps * maxBatch * rows];
        this.rh = new float[maxSteps * maxBatch * u];
        this.drh = new float[maxBatch * u];
    }

    @Override
    void forwardSteps(float[] p, float[] in, int inBase, int batch, int steps) {
        inputProjection(p, in, inBase, gates, 0, steps * batch);
        for (int t = 0; t < steps; t++) {
            int step = t * batch;
            Gemm.gemm(batch, 2 * u, u, h, step * u, u, 1, uT, 0, rows, gates, step * rows, rows);
            for (int b = 0; b < batch; b++) {
                int a = (step + b) * rows;
                int prev = (step + b) * u;
                ActivationKernels.sigmoid(gates, a, 2 * u);
                for (int j = 0; j < u; j++) {
                    rh[prev + j] = gates[a + u + j] * h[prev + j];
                }
            }
            Gemm.gemm(batch, u, u, rh, step * u, u, 1, uT, 2 * u, rows, gates, step * rows + 2 * u, rows);
            for (int b = 0; b < batch; b++) {
                int a = (step + b) * rows;
                int prev = (step + b) * u;
                int next = prev + batch * u;
                ActivationKernels.tanh(gates, a + 2 * u, gates, a + 2 * u, u);
                for (int j = 0; j < u; j++) {
                    float z = gates[a + j];
                    h[next + j] = z * h[prev + j] + (1f - z) * gates[a + 2 * u + j];
                }
            }
        }
    }

    @Override
    void backward(float[] p, float[] g, float[] in, int inBase, float[] dIn, int batch, int steps, int burnIn) {
        Arrays.fill(dhNext, 0, batch * u, 0f);
        for (int t = steps - 1; t >= burnIn; t--) {
            int step = t * batch;
            for (int b = 0; b < batch; b++) {
                int a = (step + b) * rows;
                int prev = (step + b) * u;
                int carry = b * u;
                for (int j = 0; j < u; j++) {
                    float z = gates[a + j];
                    float nj = gates[a + 2 * u + j];
                    float dh = dOut[prev + j] + dhNext[carry + j];
                    gates[a + j] = dh * (h[prev + j] - nj) * z * (1f - z);
                    gates[a + 2 * u + j] = dh * (1f - z) * (1f - nj * nj);
                    dhNext[carry + j] = dh * z;
                }
            }
            Arrays.fill(drh, 0, batch * u, 0f);
            Gemm.gemm(batch, u, u, gates, step * rows + 2 * u, rows, 1, p, uOff + 2 * u * u, u, drh, 0, u);
            for (int b = 0; b < batch; b++) {
                int a = (step + b) * rows;
                int prev = (step + b) * u;
                int carry = b * u;
                for (int j = 0; j < u; j++) {
                    float r = gates[a + u + j];
                    float d = drh[carry + j];
                    gates[a + u + j] = d * h[prev + j] * r * (1f - r);
                    dhNext[carry + j] += d * r;
                }
            }
            Gemm.gemm(batch, u, 2 * u, gates, step * rows, rows, 1, p, uOff, u, dhNext, 0, u);
        }
        int from = burnIn * batch;
        int count = (steps - burnIn) * batch;
        Gemm.gemm(2 * u, u, count, gates, from * rows, 1, rows, h, from * u, u, g, uOff, u);
        Gemm.gemm(u, u, count, gates, from * rows + 2 * u, 1, rows, rh, from * u, u, g, uOff + 2 * u * u, u);
        inputGradients(p, g, gates, in, inBase, dIn, from, count);
    }
}
