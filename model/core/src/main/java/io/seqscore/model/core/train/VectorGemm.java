package io.seqscore.model.core.train;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Gemm#gemm} on the JDK vector API: a register-blocked kernel of 4 rows of C by 2 vectors of
 * columns held in registers across the whole k loop (8 fma per 2 loads and 4 broadcasts); column tails
 * fall back to scalar {@link Math#fma}, so each element gets exactly the reference's operations.
 * Loaded only when the module {@code jdk.incubator.vector} is present.
 */
final class VectorGemm {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private VectorGemm() {
    }

    static void gemm(int m, int n, int kk, float[] a, int aOff, int ai, int ak,
                     float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
        if (n == 1 && ai == 1 && ldc == 1) {
            column(m, kk, a, aOff, ak, b, bOff, ldb, c, cOff);
            return;
        }
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            rows4(n, kk, a, aOff + i * ai, ai, ak, b, bOff, ldb, c, cOff + i * ldc, ldc);
        }
        for (; i < m; i++) {
            row1(n, kk, a, aOff + i * ai, ak, b, bOff, ldb, c, cOff + i * ldc);
        }
    }

    private static void rows4(int n, int kk, float[] a, int a0, int ai, int ak,
                              float[] b, int bOff, int ldb, float[] c, int c0, int ldc) {
        int c1 = c0 + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        int j = 0;
        for (; j + 2 * L <= n; j += 2 * L) {
            FloatVector x0 = FloatVector.fromArray(S, c, c0 + j);
            FloatVector y0 = FloatVector.fromArray(S, c, c0 + j + L);
            FloatVector x1 = FloatVector.fromArray(S, c, c1 + j);
            FloatVector y1 = FloatVector.fromArray(S, c, c1 + j + L);
            FloatVector x2 = FloatVector.fromArray(S, c, c2 + j);
            FloatVector y2 = FloatVector.fromArray(S, c, c2 + j + L);
            FloatVector x3 = FloatVector.fromArray(S, c, c3 + j);
            FloatVector y3 = FloatVector.fromArray(S, c, c3 + j + L);
            for (int k = 0, ak0 = a0, bk = bOff + j; k < kk; k++, ak0 += ak, bk += ldb) {
                FloatVector p = FloatVector.fromArray(S, b, bk);
                FloatVector q = FloatVector.fromArray(S, b, bk + L);
                FloatVector s0 = FloatVector.broadcast(S, a[ak0]);
                FloatVector s1 = FloatVector.broadcast(S, a[ak0 + ai]);
                FloatVector s2 = FloatVector.broadcast(S, a[ak0 + 2 * ai]);
                FloatVector s3 = FloatVector.broadcast(S, a[ak0 + 3 * ai]);
                x0 = s0.fma(p, x0);
                y0 = s0.fma(q, y0);
                x1 = s1.fma(p, x1);
                y1 = s1.fma(q, y1);
                x2 = s2.fma(p, x2);
                y2 = s2.fma(q, y2);
                x3 = s3.fma(p, x3);
                y3 = s3.fma(q, y3);
            }
            x0.intoArray(c, c0 + j);
            y0.intoArray(c, c0 + j + L);
            x1.intoArray(c, c1 + j);
            y1.intoArray(c, c1 + j + L);
            x2.intoArray(c, c2 + j);
            y2.intoArray(c, c2 + j + L);
            x3.intoArray(c, c3 + j);
            y3.intoArray(c, c3 + j + L);
        }
        for (; j + L <= n; j += L) {
            FloatVector x0 = FloatVector.fromArray(S, c, c0 + j);
            FloatVector x1 = FloatVector.fromArray(S, c, c1 + j);
            FloatVector x2 = FloatVector.fromArray(S, c, c2 + j);
            FloatVector x3 = FloatVector.fromArray(S, c, c3 + j);
            for (int k = 0, ak0 = a0, bk = bOff + j; k < kk; k++, ak0 += ak, bk += ldb) {
                FloatVector p = FloatVector.fromArray(S, b, bk);
                x0 = FloatVector.broadcast(S, a[ak0]).fma(p, x0);
                x1 = FloatVector.broadcast(S, a[ak0 + ai]).fma(p, x1);
                x2 = FloatVector.broadcast(S, a[ak0 + 2 * ai]).fma(p, x2);
                x3 = FloatVector.broadcast(S, a[ak0 + 3 * ai]).fma(p, x3);
            }
            x0.intoArray(c, c0 + j);
            x1.intoArray(c, c1 + j);
            x2.intoArray(c, c2 + j);
            x3.intoArray(c, c3 + j);
        }
        if (j < n) {
            Gemm.scalar(4, n - j, kk, a, a0, ai, ak, b, bOff + j, ldb, c, c0 + j, ldc);
        }
    }

    /** One column of C from A transposed: c[i] += Σ_k a[k·ak + i]·b[k·ldb], vectorised over i. */
    private static void column(int m, int kk, float[] a, int aOff, int ak, float[] b, int bOff, int ldb,
                               float[] c, int cOff) {
        int i = 0;
        for (; i + L <= m; i += L) {
            FloatVector x = FloatVector.fromArray(S, c, cOff + i);
            for (int k = 0, ar = aOff + i, bk = bOff; k < kk; k++, ar += ak, bk += ldb) {
                x = FloatVector.fromArray(S, a, ar).fma(FloatVector.broadcast(S, b[bk]), x);
            }
            x.intoArray(c, cOff + i);
        }
        if (i < m) {
            Gemm.scalar(m - i, 1, kk, a, aOff + i, 1, ak, b, bOff, ldb, c, cOff + i, 1);
        }
    }

    private static void row1(int n, int kk, float[] a, int a0, int ak,
                             float[] b, int bOff, int ldb, float[] c, int c0) {
        int j = 0;
        for (; j + L <= n; j += L) {
            FloatVector x = FloatVector.fromArray(S, c, c0 + j);
            for (int k = 0, ak0 = a0, bk = bOff + j; k < kk; k++, ak0 += ak, bk += ldb) {
                x = FloatVector.broadcast(S, a[ak0]).fma(FloatVector.fromArray(S, b, bk), x);
            }
            x.intoArray(c, c0 + j);
        }
        if (j < n) {
            Gemm.scalar(1, n - j, kk, a, a0, 0, ak, b, bOff + j, ldb, c, c0 + j, 0);
        }
    }
}
