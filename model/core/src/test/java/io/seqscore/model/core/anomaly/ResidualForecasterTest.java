package io.seqscore.model.core.anomaly;

import io.seqscore.model.core.features.EventRing;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class ResidualForecasterTest {

    /** The DetectorsTest defaults with this forecaster and a residual scale of 8 (its channel warm after 16). */
    private static DetectorSettings settings(ResidualForecaster forecaster) {
        return new DetectorSettings() {
            @Override
            public double getDouble(String name) {
                return DetectorsTest.DEFAULTS.getDouble(name);
            }

            @Override
            public int getInt(String name) {
                return name.equals("range.residual.scale") ? 8 : DetectorsTest.DEFAULTS.getInt(name);
            }

            @Override
            public long getLong(String name) {
                return DetectorsTest.DEFAULTS.getLong(name);
            }

            @Override
            public String getString(String name) {
                return name.equals("range.forecaster") ? forecaster.configValue() : DetectorsTest.DEFAULTS.getString(name);
            }

            @Override
            public List<Integer> getIntList(String name) {
                return List.of();
            }
        };
    }

    /** Scores of a series when the model forecasts {@code model[t]} for event t + 1 (scaled by μ = 1, σ = 2). */
    private static double[] scores(ResidualForecaster forecaster, double[] v, double[] model) {
        Detector d = Detectors.create(RangeDetector.NAME, settings(forecaster));
        ArrayDetectorState state = new ArrayDetectorState();
        DetectorEvent e = new DetectorEvent();
        EventRing ring = new EventRing(400);
        e.values = 1;
        e.dims = 1;
        e.observed = new double[1];
        e.mu = new float[] {1};
        e.sigma = new float[] {2};
        e.before = ring;
        e.calibration = new ResidualCalibration(new double[] {0}, new double[] {1},
                ResidualCalibration.Statistic.MAX_ABS, new double[0], 0.99, 0.95, new double[] {-2}, new double[] {2}, 0,
                0.01);
        float[] zNext = new float[1];
        double[] out = new double[v.length];
        for (int t = 0; t < v.length; t++) {
            e.time = t * 60_000L;
            e.observed[0] = v[t];
            e.forecast = t == 0 ? null : new float[] {(float) model[t - 1]};
            out[t] = d.update(state, e, Detector.Mode.LIVE);
            zNext[0] = e.scaled(model[t], 0);
            d.forecast(state, e, zNext);
            ring.add(e.time, (float) v[t]);
        }
        return out;
    }

    @Test
    void shouldScoreTheLastValueAsTheForecastWhateverTheModelForecasts() {
        SplittableRandom random = new SplittableRandom(9);
        int n = 600;
        double[] v = new double[n];
        double[] garbage = new double[n];
        for (int t = 0; t < n; t++) {
            v[t] = Math.sin(t / 10.0) + 0.1 * random.nextGaussian() + (t == 400 ? 3 : 0);
            garbage[t] = 50 * random.nextGaussian();
        }
        double[] lastValue = scores(ResidualForecaster.LAST_VALUE, v, garbage);
        double[] networkOfLastValue = scores(ResidualForecaster.NETWORK, v, v);
        double[] network = scores(ResidualForecaster.NETWORK, v, garbage);
        assertThat(lastValue).containsExactly(networkOfLastValue);
        assertThat(lastValue).isNotEqualTo(network);
        assertThat(lastValue[400]).as("the jump").isGreaterThan(0.5);
    }
}
