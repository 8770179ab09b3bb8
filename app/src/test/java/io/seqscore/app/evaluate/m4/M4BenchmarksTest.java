package io.seqscore.app.evaluate.m4;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class M4BenchmarksTest {
    /** The pattern 1, 1, 3, 3 (m = 4) repeated: mean 2, deviations −1, −1, +1, +1. */
    private static double[] pattern(int repeats) {
        double[] x = new double[4 * repeats];
        for (int t = 0; t < x.length; t++) {
            x[t] = t % 4 < 2 ? 1 : 3;
        }
        return x;
    }

    @Test
    void shouldRepeatTheLastSeasonForSeasonalNaive() {
        double[] x = {1, 2, 3, 4, 5, 6};

        assertThat(M4Benchmarks.seasonalNaive(x, 5, 2)).containsExactly(5, 6, 5, 6, 5);
        assertThat(M4Benchmarks.seasonalNaive(x, 4, 3)).containsExactly(4, 5, 6, 4);
    }

    @Test
    void shouldComputeAutocorrelationsAsTheBenchmarkCodeDoes() {
        // n = 12: acf_1 = (6 − 5)/12, acf_2 = −10/12, acf_3 = −1/12, acf_4 = 8/12
        double[] x = pattern(3);

        assertThat(M4Benchmarks.acf(x, 1)).isCloseTo(1.0 / 12, within(1e-12));
        assertThat(M4Benchmarks.acf(x, 2)).isCloseTo(-10.0 / 12, within(1e-12));
        assertThat(M4Benchmarks.acf(x, 3)).isCloseTo(-1.0 / 12, within(1e-12));
        assertThat(M4Benchmarks.acf(x, 4)).isCloseTo(8.0 / 12, within(1e-12));
    }

    @Test
    void shouldFallBackToTheNaiveForecastWhenTheSeasonalityTestFails() {
        // n = 12: s = 1/12 + (10/12)² + (1/12)² = 0.78472; limit = 1.645·√((1 + 2s)/12) = 0.76119 > |acf_4| = 0.66667
        double[] x = pattern(3);

        assertThat(M4Benchmarks.isSeasonal(x, 4)).isFalse();
        assertThat(M4Benchmarks.naive2(x, 5, 4)).containsExactly(3, 3, 3, 3, 3);
    }

    @Test
    void shouldDeseasonalizeByCentredMovingAverageRatiosWhenSeasonal() {
        // n = 24: s = 1/24 + (22/24)² + (1/24)² = 0.88368; limit = 0.55859 < |acf_4| = 0.83333. Every 2×4 MA is 2, so
        // the indices are 100·x/2: 50, 50, 150, 150; the last value 3 (phase 3) deseasonalizes to level 2.
        double[] x = pattern(6);

        assertThat(M4Benchmarks.isSeasonal(x, 4)).isTrue();
        assertThat(M4Benchmarks.seasonalIndices(x, 4)).containsExactly(new double[] {50, 50, 150, 150}, within(1e-9));
        assertThat(M4Benchmarks.naive2(x, 6, 4)).containsExactly(new double[] {1, 1, 3, 3, 1, 1}, within(1e-9));
    }

    @Test
    void shouldCarryTheDeseasonalizedLastValueForward() {
        // the last value 3 → 4.5: only MA_21 = ½(2 + (1 + 1 + 3 + 4.5)/4) = 2.1875 changes, so phase 1's mean ratio is
        // (4·50 + 100/2.1875)/5 = 344/7 and phases 0, 2, 3 stay 50, 150, 150 (the normalization cancels in the ratios).
        // Level = 4.5/I_3; forecast = 4.5·I_p/I_3: 4.5·50/150 = 1.5, 4.5·(344/7)/150 = 1548/1050, 4.5, 4.5
        double[] x = pattern(6);
        x[23] = 4.5;

        assertThat(M4Benchmarks.isSeasonal(x, 4)).isTrue();
        assertThat(M4Benchmarks.naive2(x, 5, 4)).containsExactly(new double[] {1.5, 1548.0 / 1050, 4.5, 4.5, 1.5},
                within(1e-12));
    }

    @Test
    void shouldUseTheBenchmarkCodesOffCentreWindowForOddLengths() {
        // n = 25 (pattern(6) and one more 1 at phase 0): the MA is one window x_{t−2..t+1}, always 2 on this pattern;
        // t runs to n − 2 = 23, so phase 3 (t = 23: 3/2 = 150) is used as before: indices 50, 50, 150, 150.
        double[] x = java.util.Arrays.copyOf(pattern(6), 25);
        x[24] = 1;

        assertThat(M4Benchmarks.seasonalIndices(x, 4)).containsExactly(new double[] {50, 50, 150, 150}, within(1e-9));
        assertThat(M4Benchmarks.naive2(x, 3, 4)).containsExactly(new double[] {1, 3, 3}, within(1e-9));
    }
}
