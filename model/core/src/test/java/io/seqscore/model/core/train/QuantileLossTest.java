package io.seqscore.model.core.train;

import io.seqscore.model.core.CellType;
import io.seqscore.model.core.NetworkSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The pinball loss's values and slopes by hand; the gradient through a network is in GradientCheckTest. */
class QuantileLossTest {
    private final QuantileLoss loss = new QuantileLoss(0.1, 0.5, 0.9);

    @Test
    void shouldChargeUnderAndOverForecastsByTheLevel() {
        // one step, one value, three levels: y = 2, forecasts 1 (under), 2 (exact), 4 (over)
        float[] out = {1f, 2f, 4f};
        float[] y = {2f};
        // 0.1·(2−1) + 0 + (0.9−1)·(2−4) = 0.1 + 0.2
        assertThat(loss.forward(out, 0, y, 0, 1, 3)).isCloseTo(0.3, within(1e-9));
        float[] d = new float[3];
        loss.backward(out, 0, y, 0, 1, 3, 2.0, d, 0);
        assertThat(d).containsExactly(-0.2f, 0f, 0.2f);
    }

    @Test
    void shouldLayOutValuesThenLevelsPerStep() {
        NetworkSpec spec = NetworkSpec.uniform(CellType.LSTM, 2, 4, 1, 2, 6);
        assertThat(loss.targetSize(spec)).isEqualTo(4);
        // step 1, value 1 is at row 1·6 + 1·3 + q; its target at 1·2 + 1
        float[] out = new float[12];
        float[] y = {0f, 0f, 0f, 5f};
        double expected = 0.1 * 5 + 0.5 * 5 + 0.9 * 5;
        assertThat(loss.forward(out, 0, y, 0, 2, 6)).isCloseTo(expected, within(1e-9));
        assertThatThrownBy(() -> loss.targetSize(NetworkSpec.uniform(CellType.LSTM, 2, 4, 1, 2, 4)))
                .hasMessageContaining("divisible by 3");
        assertThatThrownBy(() -> new QuantileLoss(0.5, 0.5)).hasMessageContaining("increase strictly");
    }
}
