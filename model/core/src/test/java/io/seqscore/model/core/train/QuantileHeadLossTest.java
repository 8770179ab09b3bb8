package io.seqscore.model.core.train;

import io.seqscore.model.core.CellType;
import io.seqscore.model.core.NetworkSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The quantile head's loss by hand; its gradient through a network is in GradientCheckTest. */
class QuantileHeadLossTest {
    private final QuantileHeadLoss loss = new QuantileHeadLoss(0.1, 0.9);

    @Test
    void shouldChargeThePointsSquaredErrorAndTheBoundsPinball() {
        // one step, one value: lower 1, point 3, upper 4 against y = 2
        float[] out = {1f, 3f, 4f};
        float[] y = {2f};
        // (3 − 2)² + 0.1·(2 − 1) + (0.9 − 1)·(2 − 4) = 1 + 0.1 + 0.2
        assertThat(loss.forward(out, 0, y, 0, 1, 3)).isCloseTo(1.3, within(1e-9));
        float[] d = new float[3];
        loss.backward(out, 0, y, 0, 1, 3, 0.5, d, 0);
        // lower below y: −τ; point: 2(ŷ − y); upper above y: 1 − τ; all times 0.5
        assertThat(d[0]).isCloseTo(-0.05f, within(1e-7f));
        assertThat(d[1]).isCloseTo(1f, within(1e-7f));
        assertThat(d[2]).isCloseTo(0.05f, within(1e-7f));
    }

    @Test
    void shouldChargeABoundOnTheWrongSideOfTheValueByOneMinusItsLevel() {
        // lower 3 above y = 2 costs (1 − 0.1)·1; upper 1 below y costs 0.9·1; point exact
        float[] out = {3f, 2f, 1f};
        assertThat(loss.forward(out, 0, new float[] {2f}, 0, 1, 3)).isCloseTo(0.9 + 0.9, within(1e-9));
    }

    @Test
    void shouldLayOutStepsThenValuesThenLowerPointUpper() {
        NetworkSpec spec = NetworkSpec.uniform(CellType.LSTM, 2, 4, 1, 2, 6);
        assertThat(loss.targetSize(spec)).isEqualTo(4);
        // step 1, value 1: rows 1·6 + 1·3 + {0, 1, 2} = 9, 10, 11; its target y[1·2 + 1] = 5
        float[] out = new float[12];
        out[10] = 5f;
        float[] y = {0f, 0f, 0f, 5f};
        assertThat(loss.forward(out, 0, y, 0, 2, 6)).isCloseTo(0.1 * 5 + 0.9 * 5, within(1e-9));
        assertThatThrownBy(() -> loss.targetSize(NetworkSpec.uniform(CellType.LSTM, 2, 4, 1, 2, 4)))
                .hasMessageContaining("3 outputs");
        assertThatThrownBy(() -> new QuantileHeadLoss(0.9, 0.1)).hasMessageContaining("0 < lower < upper < 1");
    }
}
