package io.seqscore.model.core.train;

import io.seqscore.model.core.math.KernelPath;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class GemmTest {
    /** Shapes that exercise every block and tail of the vector kernel, for 8- and 16-lane vectors. */
    private static final int[][] SHAPES = {
        {1, 1, 1}, {3, 5, 7}, {4, 16, 3}, {5, 33, 9}, {8, 64, 64}, {9, 47, 20}, {32, 256, 64}, {13, 1, 40},
        {64, 1, 100}, {7, 100, 1}, {17, 31, 2},
    };

    @Test
    void scalarReferenceComputesTheProductAsDocumented() {
        SplittableRandom r = new SplittableRandom(1);
        for (int[] s : SHAPES) {
            for (boolean transposed : new boolean[] {false, true}) {
                Case c = new Case(s[0], s[1], s[2], transposed, r);
                float[] out = c.c.clone();
                c.run(out, false);
                for (int i = 0; i < c.m; i++) {
                    for (int j = 0; j < c.n; j++) {
                        double expected = c.c[i * c.n + j];
                        for (int k = 0; k < c.k; k++) {
                            expected += (double) c.a(i, k) * c.b[k * c.n + j];
                        }
                        assertThat((double) out[i * c.n + j]).isCloseTo(expected, within(1e-4));
                    }
                }
            }
        }
    }

    @Test
    void vectorKernelIsBitIdenticalToTheScalarReference() {
        assumeTrue(KernelPath.vectorAvailable(), "jdk.incubator.vector is not in this JVM");
        SplittableRandom r = new SplittableRandom(2);
        for (int[] s : SHAPES) {
            for (boolean transposed : new boolean[] {false, true}) {
                Case c = new Case(s[0], s[1], s[2], transposed, r);
                float[] scalar = c.c.clone();
                float[] vector = c.c.clone();
                c.run(scalar, false);
                c.run(vector, true);
                assertThat(vector).as("%dx%dx%d transposed=%s", c.m, c.n, c.k, transposed).containsExactly(scalar);
            }
        }
    }

    private static final class Case {
        final int m;
        final int n;
        final int k;
        final boolean transposed;
        final float[] a;
        final float[] b;
        final float[] c;

        Case(int m, int n, int k, boolean transposed, SplittableRandom r) {
            this.m = m;
            this.n = n;
            this.k = k;
            this.transposed = transposed;
            this.a = random(m * k + 3, r);
            this.b = random(k * n + 2, r);
            this.c = random(m * n, r);
        }

        /** A(i,k) with A stored [m][k] at offset 3, or transposed [k][m]. */
        float a(int i, int kk) {
            return transposed ? a[3 + kk * m + i] : a[3 + i * k + kk];
        }

        void run(float[] out, boolean vector) {
            int ai = transposed ? 1 : k;
            int ak = transposed ? m : 1;
            float[] bb = new float[b.length];
            System.arraycopy(b, 0, bb, 2, k * n);
            if (vector) {
                VectorGemm.gemm(m, n, k, a, 3, ai, ak, bb, 2, n, out, 0, n);
            } else {
                Gemm.scalar(m, n, k, a, 3, ai, ak, bb, 2, n, out, 0, n);
            }
        }

        private static float[] random(int size, SplittableRandom r) {
            float[] x = new float[size];
            for (int i = 0; i < size; i++) {
                x[i] = (float) (2 * r.nextDouble() - 1);
            }
            return x;
        }
    }
}
