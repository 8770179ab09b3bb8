package io.seqscore.app.model;

import io.seqscore.app.testing.Releases;
import io.seqscore.model.core.CellType;
import io.seqscore.model.core.Network;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.model.core.features.EncodedSeries;
import io.seqscore.model.core.features.EventHistory;
import io.seqscore.model.core.features.FeatureParameters;
import io.seqscore.model.core.features.FeatureTransform;
import io.seqscore.model.core.features.ValuesFeatures;
import io.seqscore.model.core.math.KernelPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A model takes any registered feature kind, with or without per-key feature state, whose network fits it. */
class ServingModelFeaturesTest {
    private static final NetworkSpec SPEC = NetworkSpec.uniform(CellType.LSTM, 1, 4, 1, 1, 1);
    private static final ValuesFeatures VALUES = new ValuesFeatures(FeatureParameters.of(ValuesFeatures.KIND));

    /** VALUES that also keeps {@code size} doubles per key (as an exponential-smoothing kind would). */
    private static FeatureTransform withState(int size) {
        return new FeatureTransform() {
            @Override
            public String kind() {
                return "SMOOTHED";
            }

            @Override
            public FeatureParameters parameters() {
                return FeatureParameters.of("SMOOTHED");
            }

            @Override
            public int networkInputs(int eventSize) {
                return VALUES.networkInputs(eventSize);
            }

            @Override
            public int forecastValues(int eventSize) {
                return VALUES.forecastValues(eventSize);
            }

            @Override
            public int eventSize(NetworkSpec spec) {
                return VALUES.eventSize(spec);
            }

            @Override
            public int historySize() {
                return VALUES.historySize();
            }

            @Override
            public int stateSize() {
                return size;
            }

            @Override
            public void check(NetworkSpec spec) {
                VALUES.check(spec);
            }

            @Override
            public void inputs(float[] event, EventHistory history, double[] state, float[] mu, float[] sigma, float[] x) {
                VALUES.inputs(event, history, state, mu, sigma, x);
            }

            @Override
            public void forecasts(double[] event, EventHistory history, double[] state, float[] mu, float[] sigma,
                                  float[] out, int dims, float[] forecast, float[] zNext) {
                VALUES.forecasts(event, history, state, mu, sigma, out, dims, forecast, zNext);
            }

            @Override
            public EncodedSeries encode(long[] times, float[] values, int n, float[] mu, float[] sigma, int horizon) {
                return VALUES.encode(times, values, n, mu, sigma, horizon);
            }
        };
    }

    private static ServingModel model(FeatureTransform features) {
        return new ServingModel("m", 1, 1, 0, Network.of(SPEC, Releases.randomParams(SPEC, 1, 0.3f), KernelPath.SCALAR),
                features, new InputNormalization(InputNormalization.Mode.NONE,
                        io.seqscore.model.core.norm.ZScoreNormalizer.identity(1), java.util.Map.of()),
                new io.seqscore.model.core.anomaly.ResidualCalibration(new double[] {0}, new double[] {1},
                        io.seqscore.model.core.anomaly.ResidualCalibration.Statistic.MAX_ABS, new double[0], 0.99, 0.95,
                        new double[] {-1}, new double[] {1}, 0),
                Rollout.FULL_ON_ARRIVAL, null);
    }

    @Test
    void shouldServeKindsWithAndWithoutPerKeyStateAndRejectANetworkThatDoesNotFit() {
        assertThat(model(withState(0)).features().kind()).isEqualTo("SMOOTHED");
        assertThat(model(withState(0)).eventSize()).isEqualTo(1);
        assertThat(model(withState(3)).features().stateSize()).isEqualTo(3);
        FeatureTransform es = io.seqscore.model.core.features.FeatureKinds.create(
                io.seqscore.model.core.features.EsHybridFeatures.parameters(0.1, 0.1, 0.1, 24, 168, 24, true, 5f));
        assertThatThrownBy(() -> model(es))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("need architecture inputSize 24");
    }
}
