package io.seqscore.model.core.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class VectorKernelsTest {

    @BeforeAll
    static void needsTheVectorModule() {
        assumeTrue(KernelPath.vectorAvailable(), "jdk.incubator.vector is not in this JVM");
    }

    /** -30..30 by 1e-3, then values that must saturate without NaN or overflow; padded to whole vectors. */
    private static float[] sweep() {
        float[] extremes = {2000f, -2000f, Float.MAX_VALUE, -Float.MAX_VALUE, 88.7f, -88.7f, 87f, -87f, 1e-30f,
            -1e-30f, Float.MIN_VALUE, 0f, -0f, 44f, -44f, 20f, -20f};
        int n = 60_001 + extremes.length;
        float[] x = new float[VectorKernels.padded(n)];
        for (int i = 0; i < 60_001; i++) {
            x[i] = -30f + i * 1e-3f;
        }
        System.arraycopy(extremes, 0, x, 60_001, extremes.length);
        return x;
    }

    @Test
    void sigmoidIsWithin1e7OfExactAndNeverNaN() {
        float[] x = sweep();
        float[] s = x.clone();
        VectorKernels.sigmoidInPlace(s, 0, s.length);
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            assertThat(s[i]).as("σ(%s)", x[i]).isBetween(0f, 1f);
            worst = Math.max(worst, Math.abs(s[i] - 1 / (1 + Math.exp(-(double) x[i]))));
        }
        assertThat(worst).isLessThan(1e-7);
        assertThat(at(s, x, 2000f)).isEqualTo(1f);
        assertThat(at(s, x, -2000f)).isLessThan(1e-17f);
        assertThat(at(s, x, Float.MAX_VALUE)).isEqualTo(1f);
    }

    /** The kernels' tanh: the gate rows hold 2a (doubled weights), σ runs in place, then 2σ − 1. */
    @Test
    void tanhAsTwoSigmaOfTwiceMinusOneIsWithin2e7OfExactAndNeverNaN() {
        float[] x = sweep();
        float[] t = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            t[i] = 2f * x[i];
        }
        VectorKernels.sigmoidInPlace(t, 0, t.length);
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            t[i] = Math.fma(t[i], 2f, -1f);
            assertThat(t[i]).as("tanh(%s)", x[i]).isBetween(-1f, 1f);
            worst = Math.max(worst, Math.abs(t[i] - Math.tanh(x[i])));
        }
        assertThat(worst).isLessThan(2e-7);
        assertThat(at(t, x, 2000f)).isEqualTo(1f);
        assertThat(at(t, x, -2000f)).isEqualTo(-1f);
        assertThat(at(t, x, 1e-30f)).isEqualTo(0f);
    }

    private static float at(float[] y, float[] x, float v) {
        for (int i = x.length - 1; i >= 0; i--) {
            if (x[i] == v) {
                return y[i];
            }
        }
        throw new AssertionError(v + " not in the sweep");
    }

    /**
     * Each output is its bias then one fma per column in column order, in either block order: the same
     * bits as this scalar loop, for segments of every mix of block sizes (8, 4, 2, 1 vectors).
     */
    @Test
    void affineEqualsSequentialFmaBitForBitInBothBlockOrders() {
        int l = VectorKernels.lanes();
        SplittableRandom rnd = new SplittableRandom(3);
        int[][] segmentVectors = {{1}, {2}, {3}, {4, 1}, {5}, {7, 9}, {8}, {13, 2}, {15}, {16, 17}};
        int[] colCounts = {1, 2, 9, 65};
        for (int[] segs : segmentVectors) {
            for (int cols : colCounts) {
                int[] segRows = new int[segs.length];
                int rows = 0;
                for (int i = 0; i < segs.length; i++) {
                    segRows[i] = segs[i] * l;
                    rows += segRows[i];
                }
                float[] w = random(rows * cols, rnd);
                float[] in = random(cols + 3, rnd);
                float[] bias = random(rows, rnd);
                PackedMatrix m = PackedMatrix.pack(w, 0, rows, cols, l, segRows);
                for (boolean descending : new boolean[] {false, true}) {
                    float[] out = new float[rows];
                    int first = 0;
                    for (int r : segRows) {
                        VectorKernels.affine(m, first, r, in, 3, bias, first, out, first, descending);
                        first += r;
                    }
                    for (int r = 0; r < rows; r++) {
                        float acc = bias[r];
                        for (int j = 0; j < cols; j++) {
                            acc = Math.fma(w[r * cols + j], in[3 + j], acc);
                        }
                        assertThat(out[r]).as("segments %s cols %d row %d descending %s",
                                java.util.Arrays.toString(segs), cols, r, descending).isEqualTo(acc);
                    }
                }
            }
        }
    }

    private static float[] random(int n, SplittableRandom rnd) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) rnd.nextDouble(-1, 1);
        }
        return a;
    }

    @Test
    void paddingRoundsUpToWholeVectors() {
        int l = VectorKernels.lanes();
        assertThat(VectorKernels.padded(1)).isEqualTo(l);
        assertThat(VectorKernels.padded(l)).isEqualTo(l);
        assertThat(VectorKernels.padded(l + 1)).isEqualTo(2 * l);
    }
}
