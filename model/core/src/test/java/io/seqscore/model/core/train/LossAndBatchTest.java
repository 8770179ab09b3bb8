package io.seqscore.model.core.train;

import io.seqscore.model.core.CellType;
import io.seqscore.model.core.NetworkSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LossAndBatchTest {
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    @Test
    void squaredErrorAndItsGradient() {
        float[] out = {1f, -2f};
        float[] y = {3f, -2.5f};
        assertThat(Loss.MSE.forward(out, 0, y, 0, 1, 2)).isEqualTo(4.25);
        float[] d = new float[2];
        Loss.MSE.backward(out, 0, y, 0, 1, 2, 0.5, d, 0);
        assertThat(d).containsExactly(-2f, 0.5f);
    }

    @Test
    void gaussianNllOfMeansThenLogVariances() {
        // H = 2, D = 2 (K = 1): step 0 μ=1 ℓ=0 y=2 ; step 1 μ=0 ℓ=ln 4 y=1
        float[] out = {1f, 0f, 0f, (float) Math.log(4)};
        float[] y = {2f, 1f};
        double expected = HALF_LOG_2PI + 0.5 * (0 + 1) + HALF_LOG_2PI + 0.5 * (Math.log(4) + 0.25);
        assertThat(Loss.GAUSSIAN_NLL.forward(out, 0, y, 0, 2, 2)).isCloseTo(expected, within(1e-7));
        float[] d = new float[4];
        Loss.GAUSSIAN_NLL.backward(out, 0, y, 0, 2, 2, 1.0, d, 0);
        // ∂/∂μ = (μ−y)e^−ℓ ; ∂/∂ℓ = ½(1 − (y−μ)²e^−ℓ)
        assertThat(d[0]).isCloseTo(-1f, within(1e-7f));
        assertThat(d[1]).isCloseTo(0f, within(1e-7f));
        assertThat(d[2]).isCloseTo(-0.25f, within(1e-7f));
        assertThat(d[3]).isCloseTo(0.375f, within(1e-7f));
        assertThat(Loss.GAUSSIAN_NLL.targetSize(NetworkSpec.uniform(CellType.LSTM, 1, 4, 1, 3, 2))).isEqualTo(3);
        assertThatThrownBy(() -> Loss.GAUSSIAN_NLL.targetSize(NetworkSpec.uniform(CellType.LSTM, 1, 4, 1, 3, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void forecastWindowTargetsAreTheNextHValues() {
        // series 0..9, D = 1, H = 2, T = 4 from 5: x = 5 6 7 8 ; y = [6 7] [7 8] [8 9] [9 −] ; mask 1 1 1 0
        NetworkSpec spec = NetworkSpec.uniform(CellType.GRU_RESET_AFTER, 1, 3, 1, 2, 1);
        Batch batch = Batch.of(spec, Loss.MSE, 2, 4);
        float[] series = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        batch.initialState()[3] = 7f;
        batch.setForecastWindow(1, series, 5);
        assertThat(java.util.Arrays.copyOfRange(batch.inputs(), 4, 8)).containsExactly(5, 6, 7, 8);
        assertThat(java.util.Arrays.copyOfRange(batch.targets(), 8, 16)).containsExactly(6, 7, 7, 8, 8, 9, 9, 0);
        assertThat(java.util.Arrays.copyOfRange(batch.mask(), 4, 8)).containsExactly(1, 1, 1, 0);
        assertThat(batch.initialState()[3]).isZero();
        // row 0 keeps its default mask of ones: 4 + 3 steps of 2 targets; burn-in 1 drops one step per row
        assertThat(batch.lossCount()).isEqualTo(14.0);
        assertThat(batch.burnIn(1).lossCount()).isEqualTo(10.0);
        assertThatThrownBy(() -> batch.setForecastWindow(0, series, 7)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> batch.burnIn(4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void multivariateWindowsInterleaveValuesPerStep() {
        // n = D = 2, H = 1: y[t] = series[t+1] (both values)
        NetworkSpec spec = NetworkSpec.uniform(CellType.LSTM, 2, 3, 1);
        Batch batch = Batch.of(spec, Loss.MSE, 1, 2);
        batch.setForecastWindow(0, new float[] {0, 10, 1, 11, 2, 12}, 0);
        assertThat(batch.inputs()).containsExactly(0, 10, 1, 11);
        assertThat(batch.targets()).containsExactly(1, 11, 2, 12);
        assertThat(batch.mask()).containsExactly(1, 1);
    }
}
