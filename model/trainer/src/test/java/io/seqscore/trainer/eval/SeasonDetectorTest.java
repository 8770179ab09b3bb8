package io.seqscore.trainer.eval;

import io.seqscore.trainer.data.PreparedSeries;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class SeasonDetectorTest {
    private static PreparedSeries series(float[] z) {
        long[] times = new long[z.length];
        for (int i = 0; i < z.length; i++) {
            times[i] = i;
        }
        return new PreparedSeries("k", 1, times, z, z.length, new int[] {0});
    }

    @Test
    void shouldFindTheDailyPeriodOfANoisySeasonalSeries() {
        SplittableRandom r = new SplittableRandom(3);
        float[] z = new float[2400];
        for (int p = 0; p < z.length; p++) {
            z[p] = (float) (Math.sin(2 * Math.PI * p / 24) + 0.4 * Math.sin(2 * Math.PI * p / 6) + 0.2 * (r.nextDouble() - 0.5));
        }
        assertThat(SeasonDetector.detect(List.of(series(z)), 1, 200)).isEqualTo(24);
    }

    @Test
    void shouldFallBackToTheLastValueWithoutASeason() {
        SplittableRandom r = new SplittableRandom(5);
        float[] noise = new float[2000];
        float[] trend = new float[2000];
        for (int p = 0; p < noise.length; p++) {
            noise[p] = (float) r.nextDouble();
            trend[p] = p;
        }
        assertThat(SeasonDetector.detect(List.of(series(noise)), 1, 200)).isEqualTo(1);
        assertThat(SeasonDetector.detect(List.of(series(trend)), 1, 200)).isEqualTo(1);
    }

    @Test
    void shouldComputeTheSampleAutocorrelation() {
        // x = 1, −1, 1, −1 (mean 0): acf(1) = −3/4, acf(2) = 2/4
        double[] acf = SeasonDetector.autocorrelation(List.of(series(new float[] {1, -1, 1, -1})), 1, 2);
        assertThat(acf).containsExactly(1.0, -0.75, 0.5);
    }
}
