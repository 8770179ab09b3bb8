package io.seqscore.model.core.math;

/**
 * The plain scalar reference kernels of one recurrent step, over flat arrays in the layout of
 * {@code NetworkSpec}: row-major matrices, gate blocks of u rows in the cell's gate order. Sums run
 * left to right in float, one multiply and one add per term, so every result is reproducible.
 * Pre-activations are written as {@code a}; σ and tanh are {@link Activations}.
 */
public final class ScalarKernels {
    private ScalarKernels() {
    }

    /** out[r] = b[r] + Σ_j W[r][j]·x[j] for r &lt; rows; W is [rows][cols] at wOff. */
    public static void affine(int rows, int cols, float[] w, int wOff, float[] x, int xOff,
                              float[] b, int bOff, float[] out, int outOff) {
        for (int r = 0; r < rows; r++) {
            int row = wOff + r * cols;
            float acc = b[bOff + r];
            for (int j = 0; j < cols; j++) {
                acc += w[row + j] * x[xOff + j];
            }
            out[outOff + r] = acc;
        }
    }

    /** out[r] += Σ_j W[r][j]·x[j] for r &lt; rows; W is [rows][cols] at wOff. */
    public static void addMatVec(int rows, int cols, float[] w, int wOff, float[] x, int xOff,
                                 float[] out, int outOff) {
        for (int r = 0; r < rows; r++) {
            int row = wOff + r * cols;
            float acc = out[outOff + r];
            for (int j = 0; j < cols; j++) {
                acc += w[row + j] * x[xOff + j];
            }
            out[outOff + r] = acc;
        }
    }

    /**
     * LSTM, gates i,f,g,o in a[aOff..aOff+4u): c' = σ(a_f)⊙c + σ(a_i)⊙tanh(a_g), h' = σ(a_o)⊙tanh(c');
     * h at s[hOff], c at s[cOff], updated in place.
     */
    public static void lstm(float[] a, int aOff, int u, float[] s, int hOff, int cOff) {
        for (int j = 0; j < u; j++) {
            float i = Activations.sigmoid(a[aOff + j]);
            float f = Activations.sigmoid(a[aOff + u + j]);
            float g = Activations.tanh(a[aOff + 2 * u + j]);
            float o = Activations.sigmoid(a[aOff + 3 * u + j]);
            float c = f * s[cOff + j] + i * g;
            s[cOff + j] = c;
            s[hOff + j] = o * Activations.tanh(c);
        }
    }

    /**
     * GRU, reset after the recurrent product; gates z,r,h with ax = W·x + b and ah = U·h + bR:
     * z = σ(ax_z + ah_z), r = σ(ax_r + ah_r), ĥ = tanh(ax_h + r⊙ah_h), h' = z⊙h + (1−z)⊙ĥ, in place at s[hOff].
     */
    public static void gruResetAfter(float[] ax, int axOff, float[] ah, int ahOff, int u, float[] s, int hOff) {
        for (int j = 0; j < u; j++) {
            float z = Activations.sigmoid(ax[axOff + j] + ah[ahOff + j]);
            float r = Activations.sigmoid(ax[axOff + u + j] + ah[ahOff + u + j]);
            float hh = Activations.tanh(ax[axOff + 2 * u + j] + r * ah[ahOff + 2 * u + j]);
            s[hOff + j] = z * s[hOff + j] + (1f - z) * hh;
        }
    }

    /** GRU reset-before, first half: rh = σ(a_r)⊙h, a_r being the second gate block of a. */
    public static void resetHidden(float[] a, int aOff, int u, float[] h, int hOff, float[] rh, int rhOff) {
        for (int j = 0; j < u; j++) {
            rh[rhOff + j] = Activations.sigmoid(a[aOff + u + j]) * h[hOff + j];
        }
    }

    /**
     * GRU reset-before, second half, with a_z = W_z x + U_z h + b_z and a_h = W_h x + U_h (r⊙h) + b_h:
     * z = σ(a_z), ĥ = tanh(a_h), h' = z⊙h + (1−z)⊙ĥ, in place at s[hOff].
     */
    public static void gruResetBefore(float[] a, int aOff, int u, float[] s, int hOff) {
        for (int j = 0; j < u; j++) {
            float z = Activations.sigmoid(a[aOff + j]);
            float hh = Activations.tanh(a[aOff + 2 * u + j]);
            s[hOff + j] = z * s[hOff + j] + (1f - z) * hh;
        }
    }

    /** Plain RNN: h' = tanh(a), written to s[hOff]. */
    public static void rnnTanh(float[] a, int aOff, int u, float[] s, int hOff) {
        for (int j = 0; j < u; j++) {
            s[hOff + j] = Activations.tanh(a[aOff + j]);
        }
    }

    /** Plain RNN: h' = max(0, a), written to s[hOff]. */
    public static void rnnRelu(float[] a, int aOff, int u, float[] s, int hOff) {
        for (int j = 0; j < u; j++) {
            s[hOff + j] = Activations.relu(a[aOff + j]);
        }
    }
}
