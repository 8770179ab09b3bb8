package io.seqscore.model.core.features;

/** What the kinds of one value per event that forecast an offset from a base (seasonal, ES_HYBRID) share. */
final class OneValueForecasts {
    private OneValueForecasts() {
    }

    /** Step s of the forecast: f_s = (base + out_s)·σ + μ, and at s = 0 the scaled ẑ_{t+1} = base + out_0. */
    static void step(int s, float base, float[] out, float mu, float sigma, float[] forecast, float[] zNext) {
        forecast[s] = (base + out[s]) * sigma + mu;
        if (s == 0) {
            zNext[0] = base + out[0];
        }
    }

    /** @throws IllegalArgumentException when events of n values are given to a kind of one value per event */
    static void requireOneValue(String kind, int n) {
        if (n != 1) {
            throw new IllegalArgumentException(kind + " features need one value per event, got " + n);
        }
    }
}
