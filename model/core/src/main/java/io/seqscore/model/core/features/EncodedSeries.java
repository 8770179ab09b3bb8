package io.seqscore.model.core.features;

/**
 * One run of a key's events as a {@link FeatureTransform} encodes it for training (flat arrays):
 * <pre>
 *   inputs    [rows][I]      what the network reads at each row (I = networkInputs)
 *   z         [rows][D]      the scaled values the head forecasts
 *   base      [rows][H][D]   the forecast bases: ẑ_{t+1+s,d} = base[t][s][d] + out_t[s·D+d]
 *   anchored  [rows]         whether row t has every base it needs (a row without is not trained on)
 *   target    z[t+1+s][d] − base[t][s][d]  (float);  residual (double) z[t+1+s][d] − base[t][s][d] − out[s·D+d]
 * </pre>
 * A kind whose bases are all 0 (VALUES) leaves {@code base} null.
 */
public record EncodedSeries(int rows, int inputSize, int dims, int horizon, float[] inputs, float[] z, float[] base,
                            boolean[] anchored) {
    public EncodedSeries {
        if (inputs.length != rows * inputSize || z.length != rows * dims || anchored.length != rows
                || (base != null && base.length != rows * horizon * dims)) {
            throw new IllegalArgumentException("encoded arrays do not match " + rows + " rows of " + inputSize
                    + " inputs, " + dims + " values and " + horizon + " steps");
        }
    }

    /** base[t][s][d] (0 without bases). */
    public float base(int t, int s, int d) {
        return base == null ? 0f : base[(t * horizon + s) * dims + d];
    }

    /** The training target of row t, step s, value d: z[t+1+s][d] − base[t][s][d], in float. */
    public float target(int t, int s, int d) {
        return base == null ? z[(t + 1 + s) * dims + d] : z[(t + 1 + s) * dims + d] - base[(t * horizon + s) * dims + d];
    }

    /** The residual of a forecast output o of row t, step s, value d, in double: z − base − o. */
    public double residual(int t, int s, int d, float o) {
        return base == null ? (double) z[(t + 1 + s) * dims + d] - o
                : (double) z[(t + 1 + s) * dims + d] - base[(t * horizon + s) * dims + d] - o;
    }
}
