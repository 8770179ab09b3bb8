package io.seqscore.app.evaluate.m4;

import io.seqscore.model.core.Network;
import io.seqscore.model.core.features.EncodedSeries;
import io.seqscore.model.core.features.EventRing;
import io.seqscore.model.core.features.FeatureTransform;
import io.seqscore.model.core.features.SeasonalChanges;

/**
 * A network stepped offline over a whole series, from a fresh state: the tests' reference for what the scorer
 * serves, written apart from it.
 */
final class OfflineSteps {
    private OfflineSteps() {
    }

    /** A series encoded by {@code features}: value t at {@link M4Model#time(int)}, one value an event. */
    static EncodedSeries encode(FeatureTransform features, M4Series s, float mu, float sigma, int h) {
        double[] v = s.values();
        long[] times = new long[v.length];
        float[] values = new float[v.length];
        for (int t = 0; t < v.length; t++) {
            times[t] = M4Model.time(t);
            values[t] = (float) v[t];
        }
        return features.encode(times, values, 1, new float[] {mu}, new float[] {sigma}, h);
    }

    /** The network's output ({@code outputs} wide) after the encoded series' last row. */
    static float[] afterLastRow(Network net, EncodedSeries e, int outputs) {
        float[] state = net.newState();
        float[] x = new float[e.inputSize()];
        float[] out = new float[outputs];
        for (int t = 0; t < e.rows(); t++) {
            System.arraycopy(e.inputs(), t * x.length, x, 0, x.length);
            net.step(state, x, out);
        }
        return out;
    }

    /**
     * The network's output ({@code outputs} wide) after the series' last value, its inputs the seasonal changes
     * of {@code features} over a ring of the last 96 events.
     */
    static float[] afterLastValue(Network net, SeasonalChanges features, double[] v, float mu, float sigma,
                                  int outputs) {
        float[] state = net.newState();
        float[] x = new float[SeasonalChanges.INPUTS];
        float[] out = new float[outputs];
        EventRing ring = new EventRing(96);
        for (int t = 0; t < v.length; t++) {
            ring.add(M4Model.time(t), (float) v[t]);
            features.inputs(ring, mu, sigma, x, 0);
            net.step(state, x, out);
        }
        return out;
    }
}
