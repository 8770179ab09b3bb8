package io.seqscore.model.core.anomaly;

import io.seqscore.model.core.train.Loss;
import io.seqscore.model.core.train.Losses;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The detector and loss registries resolve the built-in kinds by name and refuse unknown ones. */
class DetectorsTest {
    /** The scorer's defaults: calibration alone, and the range detector of the NAB study. */
    static final DetectorSettings DEFAULTS = new DetectorSettings() {
        @Override
        public double getDouble(String name) {
            return switch (name) {
                case "threshold" -> Double.NaN;
                case "key.alpha" -> 0.05;
                case "range.seasonal.weight" -> 0.25;
                case "range.instant.weight" -> 0.0;
                case "range.dispersion.weight" -> 0.0;
                case "range.transient.min.exceedance" -> 0.0;
                case "range.margin" -> 0.05;
                case "adaptive.step" -> 0.3;
                case "target.rate" -> Double.NaN;
                default -> throw new IllegalArgumentException(name);
            };
        }

        @Override
        public int getInt(String name) {
            return switch (name) {
                case "key.min.count" -> 30;
                case "range.residual.scale" -> 64;
                case "range.seasonal.scale" -> 16;
                case "range.refractory.events" -> 12;
                case "range.memory.events" -> 0;
                case "range.instant.memory.events" -> 0;
                case "range.transient.events" -> 0;
                case "range.transient.mature.events" -> 0;
                case "range.dispersion.scale" -> 32;
                case "range.season.history" -> 320;
                default -> throw new IllegalArgumentException(name);
            };
        }

        @Override
        public long getLong(String name) {
            return switch (name) {
                case "range.season.period.ms" -> 86_400_000L;
                case "range.season.tolerance.ms" -> 1_800_000L;
                default -> throw new IllegalArgumentException(name);
            };
        }

        @Override
        public String getString(String name) {
            return switch (name) {
                case "normalization" -> "calibration";
                case "range.forecaster" -> "network";
                default -> throw new IllegalArgumentException(name);
            };
        }

        @Override
        public List<Integer> getIntList(String name) {
            return List.of(8, 32);
        }
    };

    @Test
    void shouldResolveTheBuiltInDetectorsByName() {
        assertThat(Detectors.names()).contains("calibrated", "range");
        Detector range = Detectors.create("range", DEFAULTS);
        assertThat(range).isInstanceOf(RangeDetector.class);
        assertThat(range.historySize()).isEqualTo(320);
        assertThat(Detectors.create("calibrated", DEFAULTS).historySize()).isZero();
        assertThatThrownBy(() -> Detectors.create("isolation-forest", DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("unknown detector 'isolation-forest'");
    }

    @Test
    void shouldScoreACalibratedResidualAndFlagAtTheReleasesThreshold() {
        ResidualCalibration cal = new ResidualCalibration(new double[] {0}, new double[] {1},
                ResidualCalibration.Statistic.MAX_ABS, new double[0], 0.99, 0.95, new double[] {-2}, new double[] {2}, 0);
        Detector d = Detectors.create("calibrated", DEFAULTS);
        DetectorEvent e = new DetectorEvent();
        e.values = 1;
        e.dims = 1;
        e.observed = new double[] {13};
        e.mu = new float[] {10};
        e.sigma = new float[] {1};
        e.forecast = new float[] {10};
        e.calibration = cal;
        ArrayDetectorState state = new ArrayDetectorState();
        double score = d.update(state, e, Detector.Mode.LIVE);
        assertThat(score).isCloseTo(AnomalyScorer.erf(3 / Math.sqrt(2)), org.assertj.core.api.Assertions.within(1e-15));
        assertThat(d.flags(score, e)).isTrue();
        assertThat(state.count).isEqualTo(1);
        assertThat(state.mean[0]).isEqualTo((float) (0.05 * 3));
        e.forecast = null;
        assertThat(d.update(state, e, Detector.Mode.PEEK)).isNaN();
    }

    @Test
    void shouldResolveTheLossesByName() {
        assertThat(Losses.names()).contains("MSE", "GAUSSIAN_NLL");
        assertThat(Losses.of("MSE")).isSameAs(Loss.MSE);
        assertThatThrownBy(() -> Losses.of("PINBALL")).hasMessageStartingWith("unknown loss 'PINBALL'");
    }
}
