package io.seqscore.model.core.train;

/**
 * The activations of training, over runs of a flat array, built on one float e^x − 1 that the scalar
 * reference and the vector kernel ({@link VectorActivationKernels}) evaluate with the same operations
 * (so the two paths agree bit for bit). Safe for any finite input (no NaN or overflow at |x| = 2000),
 * within 2e-7 of the exact functions.
 * <pre>
 *   expm1(x): x clamped to [−87, 88]; n = round(x·log2 e); r = x − n·ln 2 (in two parts, Cody-Waite);
 *             q = e^r − 1 = r + r²·P(r) (the Cephes expf polynomial); e^x − 1 = 2ⁿ·q + (2ⁿ − 1)
 *   σ(x)    = 1 / (2 + expm1(−x))
 *   tanh(x) = sign(x) · −m / (2 + m),  m = expm1(−2|x|)      (no cancellation near 0)
 * </pre>
 * JDK 17's {@link Math#tanh} is no intrinsic and, with the double {@link Math#exp}, took two thirds of a
 * training step; these are a few fused multiply-adds.
 */
final class ActivationKernels {
    static final float LOG2E = 1.44269504088896341f;
    static final float LN2_HI = 0.693359375f;
    static final float LN2_LO = -2.12194440e-4f;
    /** 1.5·2²³: adding it rounds a float of magnitude below 2²² to an integer, readable from its bits. */
    static final float ROUNDER = 12582912f;
    static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);
    static final float LO = -87f;
    static final float HI = 88f;
    static final float P0 = 1.9875691500e-4f;
    static final float P1 = 1.3981999507e-3f;
    static final float P2 = 8.3334519073e-3f;
    static final float P3 = 4.1665795894e-2f;
    static final float P4 = 1.6666665459e-1f;
    static final float P5 = 5.0000001201e-1f;

    private ActivationKernels() {
    }

    /** a[i] = σ(a[i]) for i in [off, off+len). */
    static void sigmoid(float[] a, int off, int len) {
        if (Gemm.VECTOR) {
            VectorActivationKernels.sigmoid(a, off, len);
        } else {
            for (int i = off; i < off + len; i++) {
                a[i] = sigmoid(a[i]);
            }
        }
    }

    /** dst[dOff+i] = tanh(src[sOff+i]) for i &lt; len (src and dst may be the same run). */
    static void tanh(float[] src, int sOff, float[] dst, int dOff, int len) {
        if (Gemm.VECTOR) {
            VectorActivationKernels.tanh(src, sOff, dst, dOff, len);
        } else {
            for (int i = 0; i < len; i++) {
                dst[dOff + i] = tanh(src[sOff + i]);
            }
        }
    }

    static float expm1(float x) {
        float v = Math.min(Math.max(x, LO), HI);
        float t = v * LOG2E + ROUNDER;
        float n = t - ROUNDER;
        float r = Math.fma(n, -LN2_HI, v);
        r = Math.fma(n, -LN2_LO, r);
        float p = Math.fma(P0, r, P1);
        p = Math.fma(p, r, P2);
        p = Math.fma(p, r, P3);
        p = Math.fma(p, r, P4);
        p = Math.fma(p, r, P5);
        float q = Math.fma(p, r * r, r);
        float s = Float.intBitsToFloat((Float.floatToRawIntBits(t) - (ROUNDER_BITS - 127)) << 23);
        return Math.fma(q, s, s - 1f);
    }

    static float sigmoid(float x) {
        return 1f / (2f + expm1(-x));
    }

    static float tanh(float x) {
        float m = expm1(-2f * Math.abs(x));
        float t = -m / (2f + m);
        return x < 0f ? -t : t;
    }
}
