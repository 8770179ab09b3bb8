package io.seqscore.trainer.calibrate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QuantilesTest {
    @Test
    void shouldInterpolateBetweenOrderStatisticsAsNumpyDoes() {
        double[] x = Quantiles.sorted(new double[] {4, 1, 3, 2});
        // numpy.quantile([1,2,3,4], [0, 0.1, 0.5, 0.9, 1]) = 1, 1.3, 2.5, 3.7, 4
        assertThat(Quantiles.of(x, 0)).isEqualTo(1.0);
        assertThat(Quantiles.of(x, 0.1)).isCloseTo(1.3, org.assertj.core.api.Assertions.within(1e-15));
        assertThat(Quantiles.median(x)).isEqualTo(2.5);
        assertThat(Quantiles.of(x, 0.9)).isCloseTo(3.7, org.assertj.core.api.Assertions.within(1e-15));
        assertThat(Quantiles.of(x, 1)).isEqualTo(4.0);
        assertThat(Quantiles.of(new double[] {7}, 0.3)).isEqualTo(7.0);
    }
}
