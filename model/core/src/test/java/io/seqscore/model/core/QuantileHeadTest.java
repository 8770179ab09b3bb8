package io.seqscore.model.core;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuantileHeadTest {
    private static final NetworkSpec THREE_PER_STEP = NetworkSpec.uniform(CellType.LSTM, 4, 3, 1, 2, 3);

    @Test
    void shouldNameTheLevelsOfACentralInterval() {
        HeadSpec head = QuantileHead.of(0.95);
        assertThat(head.kind()).isEqualTo("quantile");
        assertThat(QuantileHead.lower(head)).isEqualTo(0.025, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(QuantileHead.upper(head)).isEqualTo(0.975, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(head.parameters().keySet()).containsExactly("lower", "upper");
        HeadKinds.check(head, THREE_PER_STEP);
        assertThat(QuantileHead.forecastValues(head, THREE_PER_STEP)).isEqualTo(1);
        assertThat(QuantileHead.forecastValues(HeadSpec.REGRESSION, THREE_PER_STEP)).isEqualTo(3);
    }

    @Test
    void shouldRefuseLevelsOrNetworksThatDoNotFit() {
        assertThatThrownBy(() -> HeadKinds.check(new HeadSpec("quantile", Map.of("lower", 0.9, "upper", 0.1)),
                THREE_PER_STEP)).hasMessageContaining("0 < lower < upper < 1");
        assertThatThrownBy(() -> HeadKinds.check(new HeadSpec("quantile", Map.of("lower", 0.1)), THREE_PER_STEP))
                .hasMessageContaining("lower and upper");
        assertThatThrownBy(() -> HeadKinds.check(QuantileHead.of(0.9), NetworkSpec.uniform(CellType.LSTM, 4, 3, 1, 2, 2)))
                .hasMessageContaining("3 outputs");
    }

    @Test
    void shouldSplitTheOutputsIntoPointLowerAndUpperBlocks() {
        // 2 steps, 2 values: row s·6 + k·3 + (lower, point, upper)
        float[] out = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        float[] point = new float[4];
        float[] lower = new float[4];
        float[] upper = new float[4];
        QuantileHead.split(out, 2, 2, point, lower, upper);
        assertThat(lower).containsExactly(1, 4, 7, 10);
        assertThat(point).containsExactly(2, 5, 8, 11);
        assertThat(upper).containsExactly(3, 6, 9, 12);
    }

    @Test
    void shouldSwapCrossedBoundsAndKeepOrderedOnes() {
        // lower block at 0, upper block at 3: pair 1 crossed
        float[] f = {1f, 5f, -1f, 2f, 4f, 0f};
        QuantileHead.order(f, 0, 3, 3);
        assertThat(f).containsExactly(1f, 4f, -1f, 2f, 5f, 0f);
    }

    @Test
    void shouldShowTheTransformTheNetworkWithOneOutputPerForecastValue() {
        NetworkSpec seen = QuantileHead.forecastSpec(QuantileHead.of(0.95), THREE_PER_STEP);
        assertThat(seen.outputDim()).isEqualTo(1);
        assertThat(seen.horizon()).isEqualTo(THREE_PER_STEP.horizon());
        assertThat(seen.layers()).isEqualTo(THREE_PER_STEP.layers());
        assertThat(QuantileHead.forecastSpec(HeadSpec.REGRESSION, THREE_PER_STEP)).isSameAs(THREE_PER_STEP);
        assertThat(QuantileHead.isPointRow(QuantileHead.of(0.95), 4)).isTrue();
        assertThat(QuantileHead.isPointRow(QuantileHead.of(0.95), 3)).isFalse();
        assertThat(QuantileHead.isPointRow(HeadSpec.REGRESSION, 3)).isTrue();
    }

    @Test
    void shouldGiveTheRegressionNetworkOfOneKindOfRowsExactly() {
        NetworkSpec spec = NetworkSpec.uniform(CellType.LSTM, 2, 5, 1, 3, 6);
        float[] params = new float[spec.paramCount()];
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int i = 0; i < params.length; i++) {
            params[i] = (float) random.nextDouble(-0.5, 0.5);
        }
        Network full = Network.of(spec, params);
        float[] x = {0.3f, -1.2f};
        float[] out = new float[spec.outputSize()];
        full.step(full.newState(), x, out);
        for (int kind = 0; kind < QuantileHead.ROWS; kind++) {
            NetworkSpec one = QuantileHead.forecastSpec(QuantileHead.of(0.9), spec);
            Network part = Network.of(one, QuantileHead.rows(spec, params, kind));
            float[] partOut = new float[one.outputSize()];
            part.step(part.newState(), x, partOut);
            for (int s = 0; s < 3; s++) {
                for (int k = 0; k < 2; k++) {
                    assertThat(partOut[s * 2 + k]).isEqualTo(out[s * 6 + k * 3 + kind]);
                }
            }
        }
    }
}
