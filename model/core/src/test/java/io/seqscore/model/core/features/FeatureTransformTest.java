package io.seqscore.model.core.features;

import io.seqscore.model.core.CellType;
import io.seqscore.model.core.NetworkSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Every kind behind {@link FeatureTransform}: the trainer's encoding is what the scorer computes per event. */
class FeatureTransformTest {
    private static final long HOUR = 3_600_000L;
    private static final int HORIZON = 3;

    private static FeatureTransform kind(String name) {
        return FeatureKinds.create(switch (name) {
            case ValuesFeatures.KIND -> FeatureParameters.of(name);
            case "ES_HYBRID" -> EsHybridFeatures.parameters(0.2, 0.3, 0.1, 6, 12, 5, true, 3f);
            case "ES_HYBRID_ADDITIVE" -> EsHybridFeatures.parameters(0.2, 0.3, 0.1, 6, 12, 5, false, 3f);
            default -> new FeatureParameters(name, 6 * HOUR, HOUR, HOUR / 2, 20, 5f);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"VALUES", "SEASONAL_CHANGES", "SEASONAL_OFFSETS", "ES_HYBRID", "ES_HYBRID_ADDITIVE"})
    void shouldEncodeEachRowAsTheScorerComputesItsInputsAndForecastBases(String name) {
        FeatureTransform f = kind(name);
        int rows = 40;
        long[] times = new long[rows];
        float[] values = new float[rows];
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < rows; i++) {
            times[i] = 1_000 * HOUR + i * HOUR + (i % 5 == 0 ? 60_000 : 0);
            values[i] = (float) (10 + 3 * Math.sin(2 * Math.PI * i / 6) + random.nextGaussian());
        }
        float[] mu = {10.5f};
        float[] sigma = {2.25f};
        EncodedSeries e = f.encode(times, values, 1, mu, sigma, HORIZON);
        int inputs = f.networkInputs(1);
        assertThat(e.rows()).isEqualTo(rows);
        assertThat(e.inputSize()).isEqualTo(inputs);
        EventRing ring = new EventRing(Math.max(1, f.historySize()));
        float[] x = new float[inputs];
        float[] out = new float[HORIZON];
        float[] forecast = new float[HORIZON];
        float[] zNext = new float[1];
        double[] state = new double[f.stateSize()];
        f.reset(state);
        for (int i = 0; i < rows; i++) {
            ring.add(times[i], values[i]);
            f.inputs(new float[] {values[i]}, ring, state, mu, sigma, x);
            assertThat(x).as("row %d", i).containsExactly(Arrays.copyOfRange(e.inputs(), i * inputs, (i + 1) * inputs));
            for (int s = 0; s < HORIZON; s++) {
                out[s] = 0.1f * (s + 1);
            }
            f.forecasts(new double[] {values[i]}, ring, state, mu, sigma, out, 1, forecast, zNext);
            for (int s = 0; s < HORIZON; s++) {
                float served = (forecast[s] - mu[0]) / sigma[0] - out[s];
                assertThat((double) served).as("base of row %d step %d", i, s).isCloseTo(e.base(i, s, 0), within(1e-5));
            }
            assertThat((double) zNext[0]).isCloseTo(e.base(i, 0, 0) + out[0], within(1e-5));
        }
    }

    @Test
    void shouldTargetTheNextValuesMinusTheBaseAndMaskRowsWithoutAnchors() {
        FeatureTransform offsets = kind(SeasonalOffsetsFeatures.KIND);
        long[] times = new long[12];
        float[] values = new float[12];
        for (int i = 0; i < 12; i++) {
            times[i] = i * HOUR;
            values[i] = i % 6;
        }
        EncodedSeries e = offsets.encode(times, values, 1, new float[] {0f}, new float[] {1f}, HORIZON);
        // the same phase one period (6 events) back: offsets are 0 once a whole season is seen
        assertThat(e.anchored()[4]).isFalse();
        assertThat(e.anchored()[6]).isTrue();
        assertThat(e.target(6, 0, 0)).isEqualTo(0f);
        assertThat(e.residual(6, 0, 0, 0.25f)).isEqualTo(-0.25);
        EncodedSeries changes = kind(SeasonalChangesFeatures.KIND).encode(times, values, 1, new float[] {0f},
                new float[] {1f}, HORIZON);
        assertThat(changes.anchored()).doesNotContain(false);
        assertThat(changes.target(2, 1, 0)).isEqualTo(values[4] - values[2]);
    }

    @Test
    void shouldCheckTheNetworkAgainstTheKind() {
        NetworkSpec two = NetworkSpec.uniform(CellType.LSTM, 2, 4, 1, 1, 2);
        assertThat(kind(ValuesFeatures.KIND).eventSize(two)).isEqualTo(2);
        assertThatThrownBy(() -> kind(SeasonalChangesFeatures.KIND).check(two))
                .hasMessage("features SEASONAL_CHANGES need architecture inputSize 4 and outputDim 1, got 2 and 2");
    }

    @Test
    void shouldResolveKindsByNameAndTakeANewOneWithOneRegistration() {
        assertThat(FeatureKinds.names()).contains("VALUES", "SEASONAL_CHANGES", "SEASONAL_OFFSETS");
        assertThatThrownBy(() -> FeatureKinds.create(FeatureParameters.of("LAGGED")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("unknown feature kind 'LAGGED'");
        FeatureKinds.register("TEST_VALUES_AGAIN", p -> new ValuesFeatures(FeatureParameters.of(ValuesFeatures.KIND)));
        assertThat(FeatureKinds.create(FeatureParameters.of("TEST_VALUES_AGAIN"))).isInstanceOf(ValuesFeatures.class);
        assertThatThrownBy(() -> FeatureKinds.create(new FeatureParameters("SEASONAL_CHANGES", 0, 0, 0, 20, 5f)))
                .hasMessageContaining("need periodMillis > 0");
    }
}
