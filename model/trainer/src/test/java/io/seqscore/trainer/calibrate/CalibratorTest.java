package io.seqscore.trainer.calibrate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CalibratorTest {
    private static final double[] R = {-2, -1, 0, 1, 2, 10};
    private static final double MAD_SCALE = 1.4826 * 1.5;

    private static CalibrationOptions options(double fpr, ScaleEstimator estimator, int knots) {
        return new CalibrationOptions(fpr, 0.5, estimator, ScoreStatistic.MAX_ABS, knots, 7);
    }

    @Test
    void shouldCenterOnTheMedianAndScaleByTheMad() {
        CalibrationResult c = Calibrator.fit(new double[][] {R}, R, 1, options(1.0 / 6, ScaleEstimator.MAD, 0));
        // median of the six = 0.5; |r − 0.5| = 2.5 1.5 0.5 0.5 1.5 9.5 → median 1.5
        assertThat(c.center()).containsExactly(0.5);
        assertThat(c.scale()[0]).isCloseTo(MAD_SCALE, within(1e-12));
        // type-7 quantiles at 0.25 and 0.75: h = 1.25 → −0.75, h = 3.75 → 1.75
        assertThat(c.intervalLower()).containsExactly(-0.75);
        assertThat(c.intervalUpper()).containsExactly(1.75);
        assertThat(c.sampleCount()).isEqualTo(6);
        assertThat(c.warmupSteps()).isEqualTo(7);
        assertThat(c.scoreQuantiles()).isEmpty();
    }

    @Test
    void shouldPutTheThresholdBetweenTheFlaggedAndTheRest() {
        CalibrationResult c = Calibrator.fit(new double[][] {R}, R, 1, options(1.0 / 6, ScaleEstimator.MAD, 0));
        double second = Erf.erf(2.5 / MAD_SCALE / Math.sqrt(2));
        double top = Erf.erf(9.5 / MAD_SCALE / Math.sqrt(2));
        assertThat(c.threshold()).isCloseTo((second + top) / 2, within(1e-15));
        assertThat(c.flagRate()).isEqualTo(1.0 / 6);
    }

    @Test
    void shouldFlagEveryTiedScoreAtTheThreshold() {
        // fpr 1/2 → k = 3; |r − 0.5| sorted: 0.5 0.5 1.5 1.5 2.5 9.5: the third highest (1.5) ties with the
        // fourth, so the threshold is that score and four events are flagged
        CalibrationResult c = Calibrator.fit(new double[][] {R}, R, 1, options(0.5, ScaleEstimator.MAD, 0));
        assertThat(c.threshold()).isCloseTo(Erf.erf(1.5 / MAD_SCALE / Math.sqrt(2)), within(1e-15));
        assertThat(c.flagRate()).isEqualTo(4.0 / 6);
    }

    @Test
    void shouldEstimateTheStandardDeviationWhenAsked() {
        CalibrationResult c = Calibrator.fit(new double[][] {R}, R, 1, options(0.2, ScaleEstimator.STD, 0));
        // mean 10/6; Σ(r − mean)² = Σr² − 6·mean² = 110 − 100/6
        assertThat(c.scale()[0]).isCloseTo(Math.sqrt((110 - 100.0 / 6) / 6), within(1e-12));
    }

    @Test
    void shouldMapScoresThroughTheEmpiricalQuantilesWhenAsked() {
        CalibrationResult c = Calibrator.fit(new double[][] {R}, R, 1, options(1.0 / 6, ScaleEstimator.MAD, 3));
        double[] s = {0.5 / MAD_SCALE, 1.5 / MAD_SCALE, 9.5 / MAD_SCALE};
        // statistics sorted: a a b b c d with a=0.5/σ, b=1.5/σ, c=2.5/σ, d=9.5/σ; knots at 0, 1/2, 1: a, b, d
        assertThat(c.scoreQuantiles()).usingComparatorWithPrecision(1e-12).containsExactly(s[0], s[1], s[2]);
        AnomalyScoring scoring = c.scoring(1);
        double cStat = 2.5 / MAD_SCALE;
        assertThat(scoring.score(cStat)).isCloseTo((1 + (cStat - s[1]) / (s[2] - s[1])) / 2, within(1e-12));
        assertThat(scoring.score(s[0] / 2)).isEqualTo(0.0);
        assertThat(scoring.score(s[2])).isEqualTo(1.0);
        assertThat(scoring.score(s[1])).isEqualTo(0.5);
        assertThat(c.threshold()).isCloseTo((scoring.score(cStat) + 1) / 2, within(1e-12));
    }

    @Test
    void shouldCombineDimensionsAsTheStatisticSays() {
        double[] r = {1 + 3 * 2, -4 * 0.5};
        AnomalyScoring max = new AnomalyScoring(new double[] {1, 0}, new double[] {2, 0.5}, ScoreStatistic.MAX_ABS,
                new double[0]);
        AnomalyScoring rms = new AnomalyScoring(new double[] {1, 0}, new double[] {2, 0.5}, ScoreStatistic.RMS,
                new double[0]);
        assertThat(max.statistic(r, 0)).isEqualTo(4.0);
        assertThat(rms.statistic(r, 0)).isEqualTo(Math.sqrt(12.5));
        assertThat(max.score(r, 0)).isCloseTo(Erf.erf(4 / Math.sqrt(2)), within(1e-15));
    }
}
