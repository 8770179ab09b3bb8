package io.seqscore.model.core.anomaly;

import io.seqscore.model.core.anomaly.ResidualCalibration.Statistic;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AnomalyScorerTest {

    private static ResidualCalibration calibration(double[] quantiles) {
        return new ResidualCalibration(new double[] {0.5}, new double[] {2.0}, Statistic.MAX_ABS, quantiles, 0.99, 0.95,
                new double[] {-1.0}, new double[] {1.0}, 0);
    }

    @Test
    void shouldMatchTabulatedErfValues() {
        assertThat(AnomalyScorer.erf(0.0)).isEqualTo(0.0);
        assertThat(AnomalyScorer.erf(0.5)).isCloseTo(0.5204998778130465, within(1e-15));
        assertThat(AnomalyScorer.erf(1.0)).isCloseTo(0.8427007929497149, within(1e-15));
        assertThat(AnomalyScorer.erf(2.0)).isCloseTo(0.9953222650189527, within(1e-15));
        assertThat(AnomalyScorer.erf(3.0)).isCloseTo(0.9999779095030014, within(1e-15));
        assertThat(AnomalyScorer.erf(-1.0)).isEqualTo(-AnomalyScorer.erf(1.0));
        assertThat(AnomalyScorer.erf(5.9)).isCloseTo(1.0, within(1e-15));
        assertThat(AnomalyScorer.erf(6.0)).isEqualTo(1.0);
        assertThat(AnomalyScorer.erf(-40.0)).isEqualTo(-1.0);
        assertThat(AnomalyScorer.erf(Double.NaN)).isNaN();
    }

    @Test
    void shouldMapAGaussianStatisticToItsTwoSidedProbability() {
        ResidualCalibration gaussian = calibration(new double[0]);
        assertThat(AnomalyScorer.probability(1.96, gaussian)).isCloseTo(0.9500042097035591, within(1e-13));
        assertThat(AnomalyScorer.probability(1.959963984540054, gaussian)).isCloseTo(0.95, within(1e-13));
        assertThat(AnomalyScorer.probability(1.0, gaussian)).isCloseTo(0.6826894921370859, within(1e-13));
        assertThat(AnomalyScorer.probability(0.0, gaussian)).isEqualTo(0.0);
    }

    @Test
    void shouldInterpolateBetweenQuantileKnots() {
        ResidualCalibration cal = calibration(new double[] {0, 1, 2, 4});
        assertThat(AnomalyScorer.probability(-0.5, cal)).isEqualTo(0.0);
        assertThat(AnomalyScorer.probability(0.0, cal)).isEqualTo(0.0);
        assertThat(AnomalyScorer.probability(0.5, cal)).isCloseTo(1.0 / 6, within(1e-15));
        assertThat(AnomalyScorer.probability(1.0, cal)).isCloseTo(1.0 / 3, within(1e-15));
        assertThat(AnomalyScorer.probability(3.0, cal)).isCloseTo(5.0 / 6, within(1e-15));
        assertThat(AnomalyScorer.probability(4.0, cal)).isEqualTo(1.0);
        assertThat(AnomalyScorer.probability(10.0, cal)).isEqualTo(1.0);
    }

    @Test
    void shouldTakeTheHighestProbabilityOfTiedKnots() {
        ResidualCalibration cal = calibration(new double[] {0, 1, 1, 2});
        assertThat(AnomalyScorer.probability(1.0, cal)).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(AnomalyScorer.probability(0.999, cal)).isCloseTo(0.999 / 3, within(1e-15));
    }

    @Test
    void shouldStandardizeCombineAndTrackResiduals() {
        double[] z = new double[3];
        AnomalyScorer.standardize(new double[] {1.5}, calibration(new double[0]), 1, z);
        assertThat(z[0]).isEqualTo(0.5);

        assertThat(AnomalyScorer.statistic(Statistic.MAX_ABS, new double[] {1, -3, 2}, 3)).isEqualTo(3.0);
        assertThat(AnomalyScorer.statistic(Statistic.RMS, new double[] {1, -3, 2}, 3)).isEqualTo(Math.sqrt(14.0 / 3));
        assertThat(AnomalyScorer.statistic(Statistic.MAX_ABS, new double[] {1, -3, 2}, 1)).isEqualTo(1.0);

        float[] mean = {0f};
        float[] var = {1f};
        AnomalyScorer.updateRunning(new double[] {2.0}, mean, var, 1, 0.5);
        assertThat(mean[0]).isEqualTo(1.0f);
        assertThat(var[0]).isEqualTo(1.5f);

        double[] out = new double[1];
        AnomalyScorer.standardizeByKey(new double[] {3.0}, new float[] {1f}, new float[] {4f}, 1, out);
        assertThat(out[0]).isEqualTo(1.0);
        AnomalyScorer.standardizeByKey(new double[] {1.002}, new float[] {1f}, new float[] {0f}, 1, out);
        assertThat(out[0]).isCloseTo(2.0, within(1e-9));
    }
}
