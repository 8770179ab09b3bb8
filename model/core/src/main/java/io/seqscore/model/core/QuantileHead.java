package io.seqscore.model.core;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The head kind "quantile": per step and forecast value, the head gives the point forecast and the bounds of a
 * prediction interval, the model's own quantiles of the value at the levels {@code lower} and {@code upper}
 * (parameters, e.g. 0.025 and 0.975 for a 95 % interval). For K forecast values per step the head has D = 3K
 * outputs per step:
 * <pre>
 *   row s·D + k·3 + 0    the lower bound of value k at step s+1 (quantile at level lower)
 *   row s·D + k·3 + 1    the point forecast (trained with the squared error, as the regression head)
 *   row s·D + k·3 + 2    the upper bound (quantile at level upper)
 * </pre>
 * Every row is in the feature transform's scaled space, an offset from the same base as the point, so the bounds
 * reach the events' units through the transform's own {@code forecasts} (every kind's is increasing in the output).
 * Trained by {@link io.seqscore.model.core.train.QuantileHeadLoss}: the point by the squared error, the bounds by
 * the pinball loss, so the point means what the regression head's means and only the bounds are new.
 *
 * <p>Monotone at serve time by sorting ({@link #order}): where a bound crosses the other, the two are swapped,
 * the rearrangement of Chernozhukov, Fernández-Val and Galichon (2010), which never makes an interval score worse.
 * A cumulative-softplus parametrisation was not chosen: it would make the bounds depend on the point's row and
 * change what the point's row means.
 */
public final class QuantileHead {
    public static final String KIND = "quantile";
    public static final String LOWER = "lower";
    public static final String UPPER = "upper";
    /** Outputs per forecast value: lower, point, upper. */
    public static final int ROWS = 3;

    private QuantileHead() {
    }

    /** The head of a central interval of this coverage: levels (1 ∓ coverage)/2. */
    public static HeadSpec of(double coverage) {
        if (!(coverage > 0 && coverage < 1)) {
            throw new IllegalArgumentException("interval coverage must be in (0, 1), got " + coverage);
        }
        return of((1 - coverage) / 2, (1 + coverage) / 2);
    }

    /** The quantile head whose bounds are the quantiles at levels {@code lower} and {@code upper}. */
    public static HeadSpec of(double lower, double upper) {
        Map<String, Double> levels = new LinkedHashMap<>();
        levels.put(LOWER, lower);
        levels.put(UPPER, upper);
        return new HeadSpec(KIND, levels);
    }

    /** Whether the head is a quantile head. */
    public static boolean is(HeadSpec head) {
        return KIND.equals(head.kind());
    }

    /** The level of the lower bound. */
    public static double lower(HeadSpec head) {
        return head.value(LOWER).orElseThrow();
    }

    /** The level of the upper bound. */
    public static double upper(HeadSpec head) {
        return head.value(UPPER).orElseThrow();
    }

    /** Forecast values per step under the head: the network's outputDim / 3 for this kind, outputDim otherwise. */
    public static int forecastValues(HeadSpec head, NetworkSpec network) {
        return is(head) ? network.outputDim() / ROWS : network.outputDim();
    }

    /**
     * Writes the head's H·3K outputs as three H·K blocks (row s·K + k): the point forecasts, the lower and the upper
     * bounds. Allocates nothing.
     */
    public static void split(float[] out, int horizon, int values, float[] point, float[] lower, float[] upper) {
        for (int s = 0; s < horizon; s++) {
            for (int k = 0; k < values; k++) {
                int o = (s * values + k) * ROWS;
                int i = s * values + k;
                lower[i] = out[o];
                point[i] = out[o + 1];
                upper[i] = out[o + 2];
            }
        }
    }

    /**
     * The network as the feature transform sees it: the same layers, one output per forecast value (the point's).
     * The network itself for any other head.
     */
    public static NetworkSpec forecastSpec(HeadSpec head, NetworkSpec network) {
        if (!is(head)) {
            return network;
        }
        return new NetworkSpec(network.inputSize(), network.layers(), network.horizon(), network.outputDim() / ROWS);
    }

    /**
     * The parameters of the regression network ({@link #forecastSpec}) whose head is this head's rows of one kind:
     * {@code offset} 0 the lower bounds, 1 the points, 2 the upper bounds. It computes exactly those outputs of the
     * quantile network, so code written for a regression head (evaluation, calibration) runs on the point's. Allocates.
     */
    public static float[] rows(NetworkSpec network, float[] params, int offset) {
        int values = network.outputDim() / ROWS;
        NetworkSpec one = new NetworkSpec(network.inputSize(), network.layers(), network.horizon(), values);
        float[] out = new float[one.paramCount()];
        System.arraycopy(params, 0, out, 0, network.headWOffset());
        int units = network.lastUnits();
        for (int r = 0; r < one.outputSize(); r++) {
            int from = (r / values) * network.outputDim() + (r % values) * ROWS + offset;
            System.arraycopy(params, network.headWOffset() + from * units, out, one.headWOffset() + r * units, units);
            out[one.headBOffset() + r] = params[network.headBOffset() + from];
        }
        return out;
    }

    /** Whether head output row r (of s·D + d) is a point forecast: every row but the bounds' under this head. */
    public static boolean isPointRow(HeadSpec head, int row) {
        return !is(head) || row % ROWS == 1;
    }

    /**
     * Sorts each pair of bounds: where f[lower + i] &gt; f[upper + i] the two are swapped (i &lt; n). Allocates nothing.
     */
    public static void order(float[] f, int lower, int upper, int n) {
        for (int i = 0; i < n; i++) {
            if (f[lower + i] > f[upper + i]) {
                float t = f[lower + i];
                f[lower + i] = f[upper + i];
                f[upper + i] = t;
            }
        }
    }

    static void check(HeadSpec head, NetworkSpec network) {
        if (head.parameters().size() != 2 || head.value(LOWER).isEmpty() || head.value(UPPER).isEmpty()) {
            throw new IllegalArgumentException("the quantile head takes the parameters " + LOWER + " and " + UPPER
                    + ", got " + head.parameters().keySet());
        }
        double lo = lower(head);
        double hi = upper(head);
        if (!(lo > 0 && lo < hi && hi < 1)) {
            throw new IllegalArgumentException("the quantile head needs 0 < lower < upper < 1, got " + lo + " and " + hi);
        }
        if (network.hasEmbedding() || network.outputDim() % ROWS != 0) {
            throw new IllegalArgumentException("the quantile head needs a network of values with 3 outputs (lower,"
                    + " point, upper) per forecast value, got outputDim " + network.outputDim());
        }
    }
}
