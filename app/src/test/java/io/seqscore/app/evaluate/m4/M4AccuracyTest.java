package io.seqscore.app.evaluate.m4;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class M4AccuracyTest {
    private static final double[] INSAMPLE = {1, 2, 3, 4, 5, 6};

    @Test
    void shouldComputeSmapeAndMaseAsM4DefinesThem() {
        // errors 2 and 5; sMAPE = 100/2 (2·2/18 + 2·5/45) = 200/9; seasonal (m = 2) in-sample steps all 2, MASE = 3.5/2
        M4Accuracy a = M4Accuracy.of(INSAMPLE, new double[] {10, 20}, new double[] {8, 25}, 2);

        assertThat(a.smape()).isCloseTo(200.0 / 9, within(1e-12));
        assertThat(a.mase()).isCloseTo(1.75, within(1e-12));
    }

    @Test
    void shouldScaleMaseByTheSeasonalDifferencesOfTheInsampleSeries() {
        // m = 1: in-sample steps 1 → MASE = MAE; m = 3: steps all 3 → MASE = MAE/3
        double[] actual = {7, 7};
        double[] forecast = {6, 10};

        assertThat(M4Accuracy.of(INSAMPLE, actual, forecast, 1).mase()).isCloseTo(2.0, within(1e-12));
        assertThat(M4Accuracy.of(INSAMPLE, actual, forecast, 3).mase()).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void shouldGiveZeroForAPerfectForecast() {
        M4Accuracy a = M4Accuracy.of(INSAMPLE, new double[] {7, 8}, new double[] {7, 8}, 2);

        assertThat(a.smape()).isZero();
        assertThat(a.mase()).isZero();
    }

    @Test
    void shouldAverageOverSeriesAndWeighOwaAgainstNaive2() {
        M4Accuracy mean = M4Accuracy.mean(List.of(new M4Accuracy(10, 1), new M4Accuracy(20, 2)));
        M4Accuracy naive2 = new M4Accuracy(20, 3);

        assertThat(mean).isEqualTo(new M4Accuracy(15, 1.5));
        assertThat(mean.owa(naive2)).isCloseTo(0.5 * (15.0 / 20 + 1.5 / 3), within(1e-12));
        assertThat(naive2.owa(naive2)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void shouldRejectMismatchedOrTooShortInput() {
        assertThatThrownBy(() -> M4Accuracy.of(INSAMPLE, new double[] {1, 2}, new double[] {1}, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("as many forecast values");
        assertThatThrownBy(() -> M4Accuracy.of(new double[] {1, 2}, new double[] {1}, new double[] {1}, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than m = 2");
        assertThatThrownBy(() -> M4Accuracy.mean(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
