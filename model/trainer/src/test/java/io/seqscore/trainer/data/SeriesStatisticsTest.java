package io.seqscore.trainer.data;

import io.seqscore.trainer.TrainerException;
import io.seqscore.trainer.source.RawSeries;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeriesStatisticsTest {
    private static RawSeries series(String key, long[] times, double... values) {
        return new RawSeries(key, 1, times, values);
    }

    @Test
    void shouldFitMeanPopulationStdAndTheMedianGap() {
        // values 1, 2, 3, 4: μ = 2.5, σ² = (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25; gaps 60 s, 300 s, 120 s → sorted
        // 60, 120, 300 s: the median is 120 s
        SeriesStatistics s = SeriesStatistics.fit(List.of(series("k", new long[] {0, 60_000, 360_000, 480_000}, 1, 2, 3, 4)));
        assertThat(s.mean()).isEqualTo(2.5f);
        assertThat(s.std()).isEqualTo((float) Math.sqrt(1.25));
        assertThat(s.spacingMillis()).isEqualTo(120_000);
    }

    @Test
    void shouldPoolKeysAndTakeTheUpperMedianOfAnEvenCountOfGaps() {
        // key a: 0, 10 (gap 600 s); key b: 4, 6, 8 (gaps 60 s, 1200 s); μ = 28/5 = 5.6; no gap across keys
        SeriesStatistics s = SeriesStatistics.fit(List.of(
                series("a", new long[] {0, 600_000}, 0, 10),
                series("b", new long[] {5_000_000, 5_060_000, 6_260_000}, 4, 6, 8)));
        double var = ((0 - 5.6) * (0 - 5.6) + (10 - 5.6) * (10 - 5.6) + (4 - 5.6) * (4 - 5.6) + (6 - 5.6) * (6 - 5.6)
                + (8 - 5.6) * (8 - 5.6)) / 5;
        assertThat(s.mean()).isEqualTo((float) 5.6);
        assertThat(s.std()).isEqualTo((float) Math.sqrt(var));
        assertThat(s.spacingMillis()).isEqualTo(600_000); // 60 s, 600 s, 1200 s
    }

    @Test
    void shouldFloorAFlatSeriesStdAndAShortSpacing() {
        // σ = 0 < 1e−6 · 200 → σ = max(1e−6, 0.01 · 200 + 1e−6) = 2.000001; gaps of 1 s → one minute
        SeriesStatistics s = SeriesStatistics.fit(List.of(series("k", new long[] {0, 1000, 2000}, 200, 200, 200)));
        assertThat(s.std()).isEqualTo((float) 2.000001);
        assertThat(s.spacingMillis()).isEqualTo(60_000);
        SeriesStatistics zero = SeriesStatistics.fit(List.of(series("k", new long[] {0}, 0)));
        assertThat(zero.std()).isEqualTo(1e-6f);
        assertThat(zero.spacingMillis()).isEqualTo(60_000);
    }

    @Test
    void shouldRefuseMultivariateAndEmptyHistory() {
        assertThatThrownBy(() -> SeriesStatistics.fit(List.of(new RawSeries("k", 2, new long[] {0}, new double[] {1, 2}))))
                .isInstanceOf(TrainerException.class).hasMessageContaining("one value per event; key 'k' has 2");
        assertThatThrownBy(() -> SeriesStatistics.fit(List.of(series("k", new long[0]))))
                .isInstanceOf(TrainerException.class).hasMessageContaining("no training row");
    }
}
