package io.seqscore.app.scoring;

import io.seqscore.model.core.QuantileHead;
import io.seqscore.model.core.features.EventHistory;
import io.seqscore.model.core.features.FeatureTransform;

/**
 * The forecasts of a release with a {@link QuantileHead quantile head}: the network's H·3D outputs split into the
 * point, lower and upper rows, each taken to the events' units by the feature transform's own
 * {@link FeatureTransform#forecasts}, as a regression head's point is, and written to the key's forecast buffer as
 * three blocks of H·D (row s·D + d): the point forecasts (what the detector reads), the lower and the upper bounds,
 * sorted so that lower ≤ upper. The step-1 scaled forecast for the detector is the point's. Owns its scratch arrays
 * (one per network of a stream task, as {@link KeyScorer} keeps its workspaces); allocates nothing per event.
 */
final class QuantileForecasts {
    private final float[] point;
    private final float[] lower;
    private final float[] upper;
    private final float[] bound;
    private final float[] zBound;

    /** @param size H·D, the head's forecast values of each kind (transforms read the length of what they are given) */
    QuantileForecasts(int size) {
        point = new float[size];
        lower = new float[size];
        upper = new float[size];
        bound = new float[size];
        zBound = new float[size];
    }

    /** Writes the point (f[0, H·D)), lower (f[H·D, 2H·D)) and upper (f[2H·D, 3H·D)) forecasts of {@code out}. */
    void forecasts(FeatureTransform features, int dims, double[] event, EventHistory history, double[] state,
                   float[] mu, float[] sigma, float[] out, float[] forecast, float[] zNext) {
        int size = point.length;
        int horizon = size / dims;
        QuantileHead.split(out, horizon, dims, point, lower, upper);
        features.forecasts(event, history, state, mu, sigma, point, dims, forecast, zNext);
        features.forecasts(event, history, state, mu, sigma, lower, dims, bound, zBound);
        System.arraycopy(bound, 0, forecast, size, size);
        features.forecasts(event, history, state, mu, sigma, upper, dims, bound, zBound);
        System.arraycopy(bound, 0, forecast, 2 * size, size);
        QuantileHead.order(forecast, size, 2 * size, size);
    }
}
