package io.seqscore.model.core.train;

import io.seqscore.model.core.NetworkSpec;

import java.util.Arrays;

/**
 * GRU with the reset applied after the recurrent product, two biases (PyTorch's and Keras 2's default).
 * <pre>
 * forward:  px = W x + b ; ph = U h + bR
 *           z=σ(px_z+ph_z) r=σ(px_r+ph_r) n=tanh(px_h + r⊙ph_h) ; h' = z⊙h + (1−z)⊙n
 * backward: dz = dh'⊙(h−n) ; da_n = dh'⊙(1−z)⊙(1−n²) ; dr = da_n⊙ph_h
 *           dpx = [dz⊙z(1−z), dr⊙r(1−r), da_n]      dph = [dpx_z, dpx_r, da_n⊙r]
 *           dh_prev = dh'⊙z + Uᵀdph ; then over all steps:
 *           dW += dpx⊗x  db += dpx  dx = Wᵀdpx  dU += dph⊗h  dbR += dph
 * </pre>
 * Cache: z, r, n [T][B][3u] (overwritten by dpx) and ph_h [T][B][u] (overwritten by dph_h).
 */
final class GruResetAfterLayer extends RecurrentLayer {
    private final int bROff;
    private final float[] gates;
    private final float[] phH;
    private final float[] ph;

    GruResetAfterLayer(NetworkSpec spec, int k, int maxBatch, int maxSteps) {
        super(spec, k, maxBatch, maxSteps);
        this.bROff = spec.bRecOffset(k);
        this.gates = new float[maxSteps * maxBatch * rows];
        this.phH = new float[maxSteps * maxBatch * u];
        this.ph = new float[maxBatch * rows];
    }

    @Override
    void forwardSteps(float[] p, float[] in, int inBase, int batch, int steps) {
        inputProjection(p, in, inBase, gates, 0, steps * batch);
        for (int t = 0; t < steps; t++) {
            Kernels.broadcastRows(p, bROff, rows, ph, 0, rows, batch);
            Gemm.gemm(batch, rows, u, h, t * batch * u, u, 1, uT, 0, rows, ph, 0, rows);
            for (int b = 0; b < batch; b++) {
                int s = t * batch + b;
                int a = s * rows;
                int q = b * rows;
                int prev = s * u;
                int next = prev + batch * u;
                for (int j = 0; j < 2 * u; j++) {
                    gates[a + j] += ph[q + j];
                }
                ActivationKernels.sigmoid(gates, a, 2 * u);
                for (int j = 0; j < u; j++) {
                    float phj = ph[q + 2 * u + j];
                    phH[prev + j] = phj;
                    gates[a + 2 * u + j] += gates[a + u + j] * phj;
                }
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
            for (int b = 0; b < batch; b++) {
                int s = t * batch + b;
                int a = s * rows;
                int prev = s * u;
                int carry = b * u;
                for (int j = 0; j < u; j++) {
                    float z = gates[a + j];
                    float r = gates[a + u + j];
                    float nj = gates[a + 2 * u + j];
                    float dh = dOut[prev + j] + dhNext[carry + j];
                    float dz = dh * (h[prev + j] - nj);
                    float dan = dh * (1f - z) * (1f - nj * nj);
                    float dr = dan * phH[prev + j];
                    gates[a + j] = dz * z * (1f - z);
                    gates[a + u + j] = dr * r * (1f - r);
                    gates[a + 2 * u + j] = dan;
                    phH[prev + j] = dan * r;
                    dhNext[carry + j] = dh * z;
                }
            }
            Gemm.gemm(batch, u, 2 * u, gates, t * batch * rows, rows, 1, p, uOff, u, dhNext, 0, u);
            Gemm.gemm(batch, u, u, phH, t * batch * u, u, 1, p, uOff + 2 * u * u, u, dhNext, 0, u);
        }
        int from = burnIn * batch;
        int count = (steps - burnIn) * batch;
        Gemm.gemm(2 * u, u, count, gates, from * rows, 1, rows, h, from * u, u, g, uOff, u);
        Gemm.gemm(u, u, count, phH, from * u, 1, u, h, from * u, u, g, uOff + 2 * u * u, u);
        Kernels.addRowSums(g, bROff, gates, from * rows, rows, 2 * u, count);
        Kernels.addRowSums(g, bROff + 2 * u, phH, from * u, u, u, count);
        inputGradients(p, g, gates, in, inBase, dIn, from, count);
    }
}
