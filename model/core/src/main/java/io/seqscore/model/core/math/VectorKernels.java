package io.seqscore.model.core.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fast kernels of one recurrent step on the JDK vector API, over padded arrays: every gate block
 * holds uPad = u rounded up to a multiple of {@link #lanes()}, so no loop has a tail. Pad rows carry zero
 * weights; what lands in pad lanes is finite and never copied back into a state.
 *
 * <p>Every lane gives the same bits compiled or interpreted and on any vector width: only IEEE-exact
 * lane operations are used (add, mul, fma, min, max, integer add, negate and shift), and each output of
 * {@link #affine} is its bias followed by one fma per column in column order, whatever the order of
 * the blocks. The vector API's own EXP/TANH are avoided: compiled they run Intel's SVML, interpreted
 * Math.exp, and the two differ in the last bit.
 *
 * <p>σ is the one transcendental: tanh(a) = 2σ(2a) − 1, and the rows of a tanh gate arrive holding 2a
 * (their weights and biases are doubled when packed, which is exact), so a cell applies σ in place to
 * its gate rows and turns the tanh rows into 2σ − 1 as it combines them.
 *
 * <p>No method here takes or returns a vector. C2 stops inlining into a compilation once its graph
 * passes a node budget, and a vector helper left as a real call boxes its vectors on the heap on every
 * step; the vector API's own methods are exempt (their inlining is delayed, never refused).
 *
 * <p>Load this class only when {@link KernelPath#vectorAvailable()}.
 */
public final class VectorKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private static final float EXP_LO = -87f;
    private static final float EXP_HI = 40f;
    private static final float LOG2E = 1.44269504088896341f;
    private static final float ROUND = 12582912f; // 1.5·2^23: adding it rounds |v| < 2^22 to an integer
    private static final int ROUND_BITS_MINUS_BIAS = Float.floatToRawIntBits(ROUND) - 127;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    private static final float P0 = 1.9875691500e-4f;
    private static final float P1 = 1.3981999507e-3f;
    private static final float P2 = 8.3334519073e-3f;
    private static final float P3 = 4.1665795894e-2f;
    private static final float P4 = 1.6666665459e-1f;
    private static final float P5 = 5.0000001201e-1f;
    private static final int RECIPROCAL_MAGIC = 0x7EF311C3;

    private VectorKernels() {
    }

    /** Floats per vector on this machine (the preferred species). */
    public static int lanes() {
        return L;
    }

    /** {@code n} rounded up to a whole number of vectors. */
    public static int padded(int n) {
        return (n + L - 1) / L * L;
    }

    /**
     * out[r] = bias[r] + Σ_j M[firstRow + r][j]·in[j] for r &lt; rowCount, where rows
     * [firstRow, firstRow + rowCount) are one segment of {@code m} (see {@link PackedMatrix}). The blocks
     * run first to last, or last to first when {@code descending}: alternating the two from call to
     * call finds the blocks used last still in the L1 cache. The results are the same bits either way.
     *
     * <p>Each block kernel is called from one place only: C2 inlines the small ones here once they are hot,
     * and with two copies of each this method's compilation reached C2's inlining cutoff after a JVM had run
     * shapes that use every block size, a state in which delayed vector calls can be dropped and box.
     */
    public static void affine(PackedMatrix m, int firstRow, int rowCount, float[] in, int inOff,
                              float[] bias, int bOff, float[] out, int outOff, boolean descending) {
        float[] p = m.data();
        int cols = m.cols();
        int vectors = rowCount / L;
        int eights = vectors / PackedMatrix.MAX_BLOCK * PackedMatrix.MAX_BLOCK;
        int rest = vectors - eights;
        int base = firstRow * cols;
        if (!descending) {
            for (int v = 0; v < eights; v += 8) {
                block8(p, base + v * L * cols, cols, in, inOff, bias, bOff + v * L, out, outOff + v * L);
            }
        }
        for (int k = 0; k < 3; k++) {
            int size = descending ? 1 << k : 4 >> k;
            if ((rest & size) != 0) {
                int v = eights + (rest & (8 - 2 * size));
                int at = base + v * L * cols;
                int r = v * L;
                switch (size) {
                    case 4:
                        block4(p, at, cols, in, inOff, bias, bOff + r, out, outOff + r);
                        break;
                    case 2:
                        block2(p, at, cols, in, inOff, bias, bOff + r, out, outOff + r);
                        break;
                    default:
                        block1(p, at, cols, in, inOff, bias, bOff + r, out, outOff + r);
                        break;
                }
            }
        }
        if (descending) {
            for (int v = eights - 8; v >= 0; v -= 8) {
                block8(p, base + v * L * cols, cols, in, inOff, bias, bOff + v * L, out, outOff + v * L);
            }
        }
    }

    private static void block8(float[] p, int at, int cols, float[] in, int inOff, float[] bias, int b, float[] out, int o) {
        FloatVector a0 = FloatVector.fromArray(S, bias, b);
        FloatVector a1 = FloatVector.fromArray(S, bias, b + L);
        FloatVector a2 = FloatVector.fromArray(S, bias, b + 2 * L);
        FloatVector a3 = FloatVector.fromArray(S, bias, b + 3 * L);
        FloatVector a4 = FloatVector.fromArray(S, bias, b + 4 * L);
        FloatVector a5 = FloatVector.fromArray(S, bias, b + 5 * L);
        FloatVector a6 = FloatVector.fromArray(S, bias, b + 6 * L);
        FloatVector a7 = FloatVector.fromArray(S, bias, b + 7 * L);
        for (int j = 0; j < cols; j++, at += 8 * L) {
            FloatVector x = FloatVector.broadcast(S, in[inOff + j]);
            a0 = FloatVector.fromArray(S, p, at).fma(x, a0);
            a1 = FloatVector.fromArray(S, p, at + L).fma(x, a1);
            a2 = FloatVector.fromArray(S, p, at + 2 * L).fma(x, a2);
            a3 = FloatVector.fromArray(S, p, at + 3 * L).fma(x, a3);
            a4 = FloatVector.fromArray(S, p, at + 4 * L).fma(x, a4);
            a5 = FloatVector.fromArray(S, p, at + 5 * L).fma(x, a5);
            a6 = FloatVector.fromArray(S, p, at + 6 * L).fma(x, a6);
            a7 = FloatVector.fromArray(S, p, at + 7 * L).fma(x, a7);
        }
        a0.intoArray(out, o);
        a1.intoArray(out, o + L);
        a2.intoArray(out, o + 2 * L);
        a3.intoArray(out, o + 3 * L);
        a4.intoArray(out, o + 4 * L);
        a5.intoArray(out, o + 5 * L);
        a6.intoArray(out, o + 6 * L);
        a7.intoArray(out, o + 7 * L);
    }

    private static void block4(float[] p, int at, int cols, float[] in, int inOff, float[] bias, int b, float[] out, int o) {
        FloatVector a0 = FloatVector.fromArray(S, bias, b);
        FloatVector a1 = FloatVector.fromArray(S, bias, b + L);
        FloatVector a2 = FloatVector.fromArray(S, bias, b + 2 * L);
        FloatVector a3 = FloatVector.fromArray(S, bias, b + 3 * L);
        for (int j = 0; j < cols; j++, at += 4 * L) {
            FloatVector x = FloatVector.broadcast(S, in[inOff + j]);
            a0 = FloatVector.fromArray(S, p, at).fma(x, a0);
            a1 = FloatVector.fromArray(S, p, at + L).fma(x, a1);
            a2 = FloatVector.fromArray(S, p, at + 2 * L).fma(x, a2);
            a3 = FloatVector.fromArray(S, p, at + 3 * L).fma(x, a3);
        }
        a0.intoArray(out, o);
        a1.intoArray(out, o + L);
        a2.intoArray(out, o + 2 * L);
        a3.intoArray(out, o + 3 * L);
    }

    private static void block2(float[] p, int at, int cols, float[] in, int inOff, float[] bias, int b, float[] out, int o) {
        FloatVector a0 = FloatVector.fromArray(S, bias, b);
        FloatVector a1 = FloatVector.fromArray(S, bias, b + L);
        for (int j = 0; j < cols; j++, at += 2 * L) {
            FloatVector x = FloatVector.broadcast(S, in[inOff + j]);
            a0 = FloatVector.fromArray(S, p, at).fma(x, a0);
            a1 = FloatVector.fromArray(S, p, at + L).fma(x, a1);
        }
        a0.intoArray(out, o);
        a1.intoArray(out, o + L);
    }

    private static void block1(float[] p, int at, int cols, float[] in, int inOff, float[] bias, int b, float[] out, int o) {
        FloatVector a0 = FloatVector.fromArray(S, bias, b);
        for (int j = 0; j < cols; j++, at += L) {
            a0 = FloatVector.fromArray(S, p, at).fma(FloatVector.broadcast(S, in[inOff + j]), a0);
        }
        a0.intoArray(out, o);
    }

    /**
     * a[i] = σ(a[i]) = 1 / (1 + exp(−a[i])) for from ≤ i &lt; to (whole vectors), within 1e−7 of the exact
     * value and never NaN for any finite input:
     * <pre>
     * exp(v):  v clamped to [−87, 40]; k = round(v·log2 e) (by adding 1.5·2^23); r = v − k·ln2 (ln2 in two
     *          parts, Cody–Waite); e^r = 1 + r + r²·P(r), the Cephes expf polynomial on |r| ≤ ln2/2; 2^k
     *          written into the exponent field. Relative error about 1e−7.
     * 1/d:     d = 1 + exp(−a) in [1, 2.4e17]; a first guess from the bits (0x7EF311C3 − bits(d), within
     *          12%), then three Newton steps y ← y + y(1 − d·y) (the error squares each step: 1e−8 after
     *          three), cheaper than a divide.
     * </pre>
     */
    public static void sigmoidInPlace(float[] a, int from, int to) {
        for (int i = from; i < to; i += L) {
            FloatVector v = FloatVector.fromArray(S, a, i).neg().max(EXP_LO).min(EXP_HI);
            FloatVector t = v.fma(LOG2E, ROUND);
            FloatVector k = t.sub(ROUND);
            FloatVector r = k.fma(FloatVector.broadcast(S, -LN2_HI), v);
            r = k.fma(FloatVector.broadcast(S, -LN2_LO), r);
            FloatVector poly = r.fma(P0, P1);
            poly = poly.fma(r, FloatVector.broadcast(S, P2));
            poly = poly.fma(r, FloatVector.broadcast(S, P3));
            poly = poly.fma(r, FloatVector.broadcast(S, P4));
            poly = poly.fma(r, FloatVector.broadcast(S, P5));
            FloatVector expR = poly.fma(r.mul(r), r).add(1f);
            FloatVector twoK = t.reinterpretAsInts().sub(ROUND_BITS_MINUS_BIAS)
                    .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector d = expR.fma(twoK, FloatVector.broadcast(S, 1f));
            FloatVector minusD = d.neg();
            FloatVector y = d.reinterpretAsInts().neg().add(RECIPROCAL_MAGIC).reinterpretAsFloats();
            y = y.fma(minusD.fma(y, FloatVector.broadcast(S, 1f)), y);
            y = y.fma(minusD.fma(y, FloatVector.broadcast(S, 1f)), y);
            y = y.fma(minusD.fma(y, FloatVector.broadcast(S, 1f)), y);
            y.intoArray(a, i);
        }
    }

    /**
     * LSTM, gates i,f,g,o in blocks of uPad holding a_i, a_f, 2a_g, a_o:
     * c' = σ(a_f)⊙c + σ(a_i)⊙tanh(a_g), h = σ(a_o)⊙tanh(c'). c is updated in place; a is scratch.
     */
    public static void lstm(float[] a, int uPad, float[] c, float[] h) {
        sigmoidInPlace(a, 0, 4 * uPad);
        for (int j = 0; j < uPad; j += L) {
            FloatVector i = FloatVector.fromArray(S, a, j);
            FloatVector f = FloatVector.fromArray(S, a, uPad + j);
            FloatVector g = FloatVector.fromArray(S, a, 2 * uPad + j).fma(2f, -1f);
            FloatVector cNew = f.mul(FloatVector.fromArray(S, c, j)).add(i.mul(g));
            cNew.intoArray(c, j);
            cNew.mul(2f).intoArray(a, j);
        }
        sigmoidInPlace(a, 0, uPad);
        for (int j = 0; j < uPad; j += L) {
            FloatVector tanhC = FloatVector.fromArray(S, a, j).fma(2f, -1f);
            FloatVector.fromArray(S, a, 3 * uPad + j).mul(tanhC).intoArray(h, j);
        }
    }

    /**
     * GRU reset-after with ax = W·x + b and ah = U·h + bR in blocks z,r,h of uPad, the h blocks doubled:
     * z = σ(ax_z + ah_z), r = σ(ax_r + ah_r), ĥ = tanh(ax_h + r⊙ah_h), h = z⊙hPrev + (1−z)⊙ĥ.
     * ax is scratch.
     */
    public static void gruResetAfter(float[] ax, float[] ah, int uPad, float[] hPrev, float[] h) {
        for (int i = 0; i < 2 * uPad; i += L) {
            FloatVector.fromArray(S, ax, i).add(FloatVector.fromArray(S, ah, i)).intoArray(ax, i);
        }
        sigmoidInPlace(ax, 0, 2 * uPad);
        for (int j = 0; j < uPad; j += L) {
            FloatVector r = FloatVector.fromArray(S, ax, uPad + j);
            FloatVector.fromArray(S, ax, 2 * uPad + j).add(r.mul(FloatVector.fromArray(S, ah, 2 * uPad + j)))
                    .intoArray(ax, 2 * uPad + j);
        }
        sigmoidInPlace(ax, 2 * uPad, 3 * uPad);
        blend(ax, uPad, hPrev, h);
    }

    /**
     * GRU reset-before, first half, gates z,r in blocks of uPad: both through σ in place, then
     * rh[rhOff + j] = r⊙hPrev.
     */
    public static void resetHidden(float[] a, int uPad, float[] hPrev, float[] rh, int rhOff) {
        sigmoidInPlace(a, 0, 2 * uPad);
        for (int j = 0; j < uPad; j += L) {
            FloatVector.fromArray(S, a, uPad + j).mul(FloatVector.fromArray(S, hPrev, j)).intoArray(rh, rhOff + j);
        }
    }

    /**
     * GRU reset-before, second half, with z = σ(a_z) from {@link #resetHidden} and the third block holding
     * 2a_h = 2(W_h x + U_h (r⊙h) + b_h): ĥ = tanh(a_h), h = z⊙hPrev + (1−z)⊙ĥ. a is scratch.
     */
    public static void gruResetBefore(float[] a, int uPad, float[] hPrev, float[] h) {
        sigmoidInPlace(a, 2 * uPad, 3 * uPad);
        blend(a, uPad, hPrev, h);
    }

    /** Plain RNN, a holding 2a: h = tanh(a) = 2σ(2a) − 1. a is scratch. */
    public static void rnnTanh(float[] a, int uPad, float[] h) {
        sigmoidInPlace(a, 0, uPad);
        for (int j = 0; j < uPad; j += L) {
            FloatVector.fromArray(S, a, j).fma(2f, -1f).intoArray(h, j);
        }
    }

    /** Plain RNN: h = max(0, a). */
    public static void rnnRelu(float[] a, int uPad, float[] h) {
        for (int j = 0; j < uPad; j += L) {
            FloatVector.fromArray(S, a, j).max(0f).intoArray(h, j);
        }
    }

    /** h = z⊙hPrev + (1−z)⊙ĥ with z in a's first block of uPad and σ(2a_h) in its third: ĥ = 2σ − 1. */
    private static void blend(float[] a, int uPad, float[] hPrev, float[] h) {
        for (int j = 0; j < uPad; j += L) {
            FloatVector z = FloatVector.fromArray(S, a, j);
            FloatVector hh = FloatVector.fromArray(S, a, 2 * uPad + j).fma(2f, -1f);
            z.mul(FloatVector.fromArray(S, hPrev, j)).add(z.neg().add(1f).mul(hh)).intoArray(h, j);
        }
    }
}
