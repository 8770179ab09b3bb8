package io.seqscore.trainer.eval;

import io.seqscore.trainer.data.PreparedSeries;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ValidationEvaluatorTest {
    /** z_p = p for p < 10 (feature 0) and −p (feature 1); validation from 7. */
    private static PreparedSeries line(int dims) {
        long[] times = new long[10];
        float[] z = new float[10 * dims];
        for (int p = 0; p < 10; p++) {
            times[p] = p;
            z[p * dims] = p;
            if (dims == 2) {
                z[p * dims + 1] = -p;
            }
        }
        return new PreparedSeries("k", dims, times, z, 7, new int[] {0});
    }

    /** Forecast of step s+1 after q: z_q + (s+1) + 0.1·q for feature 0 (residual −0.1·q); exact for feature 1. */
    private static float[] forecasts(int dims) {
        float[] f = new float[10 * 2 * dims];
        for (int q = 0; q < 10; q++) {
            for (int s = 0; s < 2; s++) {
                f[(q * 2 + s) * dims] = q + (s + 1) + 0.1f * q;
                if (dims == 2) {
                    f[(q * 2 + s) * dims + 1] = -(q + s + 1);
                }
            }
        }
        return f;
    }

    @Test
    void shouldScoreModelAndBaselinesOnWarmValidationPairs() {
        PreparedSeries s = line(1);
        EvalRange range = new EvalRange(s, 0, 10, 0, 7);
        ValidationEvaluator ev = new ValidationEvaluator(2, 1, 3, 2);
        double scale = ValidationEvaluator.seasonalScale(List.of(s), 1, 2);
        assertThat(scale).isEqualTo(2.0);
        Evaluation e = ev.evaluate(List.of(range), List.of(forecasts(1)), scale, true);
        ForecastMetrics m = e.metrics();
        // step 1: origins 6, 7, 8 → residuals −0.6, −0.7, −0.8; step 2: origins 5, 6, 7 → −0.5, −0.6, −0.7
        assertThat(m.count(1)).isEqualTo(3);
        assertThat(m.mae(Forecaster.MODEL, 1)).isCloseTo(0.7, within(1e-6));
        assertThat(m.rmse(Forecaster.MODEL, 1)).isCloseTo(Math.sqrt(1.49 / 3), within(1e-6));
        assertThat(m.mae(Forecaster.MODEL, 2)).isCloseTo(0.6, within(1e-6));
        assertThat(m.mae(Forecaster.MODEL, 0)).isCloseTo(0.65, within(1e-6));
        assertThat(m.mase(Forecaster.MODEL, 1)).isCloseTo(0.35, within(1e-6));
        assertThat(m.mae(Forecaster.NAIVE, 1)).isEqualTo(1.0);
        assertThat(m.mae(Forecaster.NAIVE, 2)).isEqualTo(2.0);
        assertThat(m.rmse(Forecaster.SEASONAL_NAIVE, 1)).isEqualTo(2.0);
        assertThat(m.mase(Forecaster.SEASONAL_NAIVE, 2)).isEqualTo(1.0);
        assertThat(e.loss()).isCloseTo((1.49 + 1.1) / 6, within(1e-6));
        assertThat(e.residuals()[0]).usingComparatorWithPrecision(1e-6).containsExactly(-0.6, -0.7, -0.8);
        assertThat(e.residuals()[1]).usingComparatorWithPrecision(1e-6).containsExactly(-0.5, -0.6, -0.7);
        assertThat(e.oneStep()).usingComparatorWithPrecision(1e-6).containsExactly(-0.6, -0.7, -0.8);
    }

    @Test
    void shouldSkipForecastsMadeBeforeTheWarmUpAndKeepOneStepResidualsPerEvent() {
        PreparedSeries s = line(2);
        ValidationEvaluator ev = new ValidationEvaluator(2, 2, 8, 2);
        Evaluation e = ev.evaluate(List.of(new EvalRange(s, 0, 10, 0, 7)), List.of(forecasts(2)), 2.0, true);
        // warm-up 8: first origin 7 → step 1 origins 7, 8; step 2 origin 7
        assertThat(e.metrics().count(1)).isEqualTo(2 * 2);
        assertThat(e.metrics().count(2)).isEqualTo(2);
        assertThat(e.events(2)).isEqualTo(2);
        assertThat(e.oneStep()).usingComparatorWithPrecision(1e-6).containsExactly(-0.7, 0, -0.8, 0);
        assertThat(e.residuals()[2]).usingComparatorWithPrecision(1e-6).containsExactly(-0.7);
        assertThat(e.residuals()[3]).containsExactly(0.0);
    }

    @Test
    void shouldLeavePairsWithoutASeasonalForecastOutOfTheComparisonOnly() {
        PreparedSeries s = line(1);
        // season 9: the seasonal values of p = 7 and 8 would be at −2 and −1 (outside the segment); p = 9 reads 0
        ValidationEvaluator ev = new ValidationEvaluator(1, 1, 1, 9);
        Evaluation e = ev.evaluate(List.of(new EvalRange(s, 0, 10, 0, 7)), List.of(oneStep()), 1.0, true);
        assertThat(e.oneStep()).hasSize(3);
        assertThat(e.metrics().count(1)).isEqualTo(1);
        assertThat(e.metrics().mae(Forecaster.SEASONAL_NAIVE, 1)).isEqualTo(9.0);
    }

    private static float[] oneStep() {
        float[] f = new float[10];
        for (int q = 0; q < 10; q++) {
            f[q] = q + 1;
        }
        return f;
    }
}
