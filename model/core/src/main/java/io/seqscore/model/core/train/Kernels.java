package io.seqscore.model.core.train;

/** The small element-wise loops of the layers (the matrix products are in {@link Gemm}). */
final class Kernels {
    private Kernels() {
    }

    /** dst[c·rows + r] = src[srcOff + r·cols + c]: the [cols][rows] transpose of a [rows][cols] matrix. */
    static void transpose(float[] src, int srcOff, int rows, int cols, float[] dst) {
        for (int r = 0; r < rows; r++) {
            int row = srcOff + r * cols;
            for (int c = 0; c < cols; c++) {
                dst[c * rows + r] = src[row + c];
            }
        }
    }

    /** a[aOff + i] += b[bOff + i] for i &lt; len. */
    static void add(float[] a, int aOff, float[] b, int bOff, int len) {
        for (int i = 0; i < len; i++) {
            a[aOff + i] += b[bOff + i];
        }
    }

    /** dst[dstOff + i] += Σ_s src[srcOff + s·stride + i] for i &lt; len, s &lt; count (column sums). */
    static void addRowSums(float[] dst, int dstOff, float[] src, int srcOff, int stride, int len, int count) {
        for (int s = 0; s < count; s++) {
            add(dst, dstOff, src, srcOff + s * stride, len);
        }
    }

    /** Copies the vector src[srcOff..srcOff+len) into {@code count} rows of dst with the given stride. */
    static void broadcastRows(float[] src, int srcOff, int len, float[] dst, int dstOff, int stride, int count) {
        for (int s = 0; s < count; s++) {
            System.arraycopy(src, srcOff, dst, dstOff + s * stride, len);
        }
    }
}
