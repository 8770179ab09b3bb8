package io.seqscore.model.core.train;

import io.seqscore.model.core.math.KernelPath;

/**
 * The matrix product every layer is made of, C += A·B over flat arrays:
 * <pre>
 *   C[i][j] += Σ_k A(i,k)·B[k][j]      i &lt; m, j &lt; n, k &lt; kk
 *   A(i,k) = a[aOff + i·ai + k·ak]      (ai = lda, ak = 1: A as stored; ai = 1, ak = lda: A transposed)
 *   B[k][j] = b[bOff + k·ldb + j]       C[i][j] = c[cOff + i·ldc + j]
 * </pre>
 * Every C[i][j] is updated by one fused multiply-add per k, in increasing k, starting from its value:
 * the scalar reference and the vector kernel ({@link VectorGemm}, used when {@link KernelPath#selected()}
 * is VECTOR) give bit-identical results, whatever the vector width.
 */
final class Gemm {
    static final boolean VECTOR = KernelPath.selected() == KernelPath.VECTOR;

    private Gemm() {
    }

    static void gemm(int m, int n, int kk, float[] a, int aOff, int ai, int ak,
                     float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
        if (VECTOR) {
            VectorGemm.gemm(m, n, kk, a, aOff, ai, ak, b, bOff, ldb, c, cOff, ldc);
        } else {
            scalar(m, n, kk, a, aOff, ai, ak, b, bOff, ldb, c, cOff, ldc);
        }
    }

    /**
     * The reference: the same fused multiply-adds in the same order, one element at a time. With A
     * transposed and few columns, k runs outermost so that A is read row by row.
     */
    static void scalar(int m, int n, int kk, float[] a, int aOff, int ai, int ak,
                       float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
        if (ai == 1 && ak != 1 && n < 16) {
            for (int k = 0; k < kk; k++) {
                int ar = aOff + k * ak;
                int bk = bOff + k * ldb;
                for (int i = 0; i < m; i++) {
                    float aik = a[ar + i];
                    int ci = cOff + i * ldc;
                    for (int j = 0; j < n; j++) {
                        c[ci + j] = Math.fma(aik, b[bk + j], c[ci + j]);
                    }
                }
            }
            return;
        }
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            for (int k = 0; k < kk; k++) {
                float aik = a[aOff + i * ai + k * ak];
                int bk = bOff + k * ldb;
                for (int j = 0; j < n; j++) {
                    c[ci + j] = Math.fma(aik, b[bk + j], c[ci + j]);
                }
            }
        }
    }
}
