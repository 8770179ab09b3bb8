package io.seqscore.model.core.train;

import io.seqscore.model.core.CellType;
import io.seqscore.model.core.LayerSpec;
import io.seqscore.model.core.NetworkSpec;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Initial weights, a pure function of the spec and a seed (same seed → bit-identical weights, on any JVM:
 * the only sources are {@link SplittableRandom}, whose sequence is specified, and {@link StrictMath}).
 * <ul>
 *   <li>W, per gate block [u][n]: Glorot uniform U(−a, a), a = √(6/(n+u)) (Glorot and Bengio, AISTATS 2010).</li>
 *   <li>U, per gate block [u][u]: a random orthogonal matrix, Gram-Schmidt of a standard Gaussian matrix
 *       (Saxe, McClelland and Ganguli, ICLR 2014); for the plain RNNs the identity (Le, Jaitly and Hinton,
 *       "A Simple Way to Initialize Recurrent Networks of Rectified Linear Units", 2015).</li>
 *   <li>b and bR: 0, except the LSTM forget gate's b: 1 (Jozefowicz, Zaremba and Sutskever, ICML 2015).</li>
 *   <li>Head Wy [H·D][u]: Glorot uniform, a = √(6/(u+H·D)); by: 0.</li>
 *   <li>Embedding E [V][e]: U(−0.05, 0.05), Keras' default for {@code Embedding}.</li>
 * </ul>
 * Every tensor draws from its own {@code split()} of the seed's generator, in layout order.
 */
public final class WeightInit {
    private static final double EMBEDDING_LIMIT = 0.05;
    private WeightInit() {
    }

    public static float[] initialize(NetworkSpec spec, long seed) {
        float[] params = new float[spec.paramCount()];
        initialize(spec, seed, params);
        return params;
    }

    /** Overwrites every element of {@code params} (length {@code spec.paramCount()}). */
    public static void initialize(NetworkSpec spec, long seed, float[] params) {
        if (params.length != spec.paramCount()) {
            throw new IllegalArgumentException("expected " + spec.paramCount() + " parameters, got " + params.length);
        }
        Arrays.fill(params, 0f);
        SplittableRandom root = new SplittableRandom(seed);
        for (int k = 0; k < spec.layerCount(); k++) {
            LayerSpec layer = spec.layer(k);
            int n = layer.inputSize();
            int u = layer.units();
            int gates = layer.cell().gates();
            SplittableRandom wRandom = root.split();
            SplittableRandom uRandom = root.split();
            for (int g = 0; g < gates; g++) {
                glorotUniform(wRandom, params, spec.wOffset(k) + g * u * n, u, n);
                if (layer.cell() == CellType.RNN_TANH || layer.cell() == CellType.RNN_RELU) {
                    identity(params, spec.uOffset(k) + g * u * u, u);
                } else {
                    orthogonal(uRandom, params, spec.uOffset(k) + g * u * u, u);
                }
            }
            if (layer.cell() == CellType.LSTM) {
                Arrays.fill(params, spec.bOffset(k) + u, spec.bOffset(k) + 2 * u, 1f);
            }
        }
        glorotUniform(root.split(), params, spec.headWOffset(), spec.outputSize(), spec.lastUnits());
        if (spec.hasEmbedding()) {
            SplittableRandom eRandom = root.split();
            for (int i = 0, n = spec.embeddingRows() * spec.embeddingDim(); i < n; i++) {
                params[spec.embeddingOffset() + i] = (float) ((2 * eRandom.nextDouble() - 1) * EMBEDDING_LIMIT);
            }
        }
    }

    /** U(−a, a), a = √(6/(fanIn+fanOut)), into the [rows][cols] block at {@code off}. */
    static void glorotUniform(SplittableRandom random, float[] dst, int off, int rows, int cols) {
        double limit = StrictMath.sqrt(6.0 / (rows + cols));
        for (int i = 0; i < rows * cols; i++) {
            dst[off + i] = (float) ((2 * random.nextDouble() - 1) * limit);
        }
    }

    static void identity(float[] dst, int off, int size) {
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                dst[off + r * size + c] = r == c ? 1f : 0f;
            }
        }
    }

    /**
     * A random orthogonal [size][size] block: the rows of a standard Gaussian matrix orthonormalised by
     * modified Gram-Schmidt in double (Q of its QR decomposition with a positive diagonal of R, which is
     * Haar-distributed). A row that falls numerically into the span of the earlier ones is redrawn.
     */
    static void orthogonal(SplittableRandom random, float[] dst, int off, int size) {
        double[] q = new double[size * size];
        for (int r = 0; r < size; r++) {
            double norm;
            do {
                for (int c = 0; c < size; c++) {
                    q[r * size + c] = gaussian(random);
                }
                for (int p = 0; p < r; p++) {
                    double dot = 0;
                    for (int c = 0; c < size; c++) {
                        dot += q[p * size + c] * q[r * size + c];
                    }
                    for (int c = 0; c < size; c++) {
                        q[r * size + c] -= dot * q[p * size + c];
                    }
                }
                double sum = 0;
                for (int c = 0; c < size; c++) {
                    sum += q[r * size + c] * q[r * size + c];
                }
                norm = StrictMath.sqrt(sum);
            } while (norm < 1e-6);
            for (int c = 0; c < size; c++) {
                q[r * size + c] /= norm;
                dst[off + r * size + c] = (float) q[r * size + c];
            }
        }
    }

    /** Standard normal by Box-Muller (one of the pair), in StrictMath. */
    static double gaussian(SplittableRandom random) {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * Math.PI * u2);
    }
}
