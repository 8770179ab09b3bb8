package io.seqscore.model.core.train;

import io.seqscore.model.core.NetworkSpec;

import java.util.Arrays;

/**
 * The dense head, applied to the last layer's h at every step t ≥ burn-in.
 * <pre>
 * forward:  ŷ = Wy h + by                     (H·D values)
 * backward: dŷ from the loss ; dh = Wyᵀdŷ ; dWy += dŷ⊗h ; dby += dŷ
 * </pre>
 */
final class DenseHead {
    private final int u;
    private final int outputs;
    private final int wOff;
    private final int bOff;
    /** Outputs ŷ [T][B][H·D]. */
    final float[] out;
    private final float[] dOut;
    private final float[] wT;

    DenseHead(NetworkSpec spec, int maxBatch, int maxSteps) {
        this.u = spec.lastUnits();
        this.outputs = spec.outputSize();
        this.wOff = spec.headWOffset();
        this.bOff = spec.headBOffset();
        this.out = new float[maxSteps * maxBatch * outputs];
        this.dOut = new float[maxSteps * maxBatch * outputs];
        this.wT = new float[u * outputs];
    }

    /** ŷ for steps burnIn..T−1 from h (the last layer's [(T+1)][B][u] buffer). */
    void forward(float[] p, float[] h, int batch, int steps, int burnIn) {
        Kernels.transpose(p, wOff, outputs, u, wT);
        int from = burnIn * batch;
        int count = (steps - burnIn) * batch;
        Kernels.broadcastRows(p, bOff, outputs, out, from * outputs, outputs, count);
        Gemm.gemm(count, outputs, u, h, (from + batch) * u, u, 1, wT, 0, outputs, out, from * outputs, outputs);
    }

    /**
     * Backward of the batch loss through the head for steps burnIn..T−1: dŷ = (mask/count)·∂ℓ/∂ŷ,
     * accumulated into g, and ∂L/∂h written to {@code dh} ([T][B][u]).
     */
    void backward(float[] p, float[] g, float[] h, float[] dh, Loss loss, int horizon, int outputDim,
                  Batch batch, int fromRow, int rows, double count) {
        int steps = batch.steps();
        int targetSize = batch.targetSize();
        float[] y = batch.targets();
        float[] mask = batch.mask();
        int from = batch.burnIn() * rows;
        int n = (steps - batch.burnIn()) * rows;
        for (int t = batch.burnIn(); t < steps; t++) {
            for (int b = 0; b < rows; b++) {
                int s = t * rows + b;
                float w = mask[(fromRow + b) * steps + t];
                if (w == 0f) {
                    Arrays.fill(dOut, s * outputs, (s + 1) * outputs, 0f);
                } else {
                    loss.backward(out, s * outputs, y, ((fromRow + b) * steps + t) * targetSize, horizon, outputDim,
                            w / count, dOut, s * outputs);
                }
            }
        }
        Kernels.addRowSums(g, bOff, dOut, from * outputs, outputs, outputs, n);
        Gemm.gemm(outputs, u, n, dOut, from * outputs, 1, outputs, h, (from + rows) * u, u, g, wOff, u);
        Arrays.fill(dh, from * u, (from + n) * u, 0f);
        Gemm.gemm(n, u, outputs, dOut, from * outputs, outputs, 1, p, wOff, u, dh, from * u, u);
    }
}
