package io.seqscore.model.core.anomaly;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static io.seqscore.model.core.anomaly.AdaptiveDetectorTest.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The range detector's flag against the key's alarm level: the rate bound that follows the target rate. */
class RangeAlarmLevelTest {

    @Test
    void shouldScoreExactlyAsWithoutTheAlarmLevelAndFlagOnlyAlarmsAboveIt() {
        AdaptiveDetectorTest.Key bounded = new AdaptiveDetectorTest.Key(new RangeDetector(settings(0.3, 0.01, 12,
                List.of(8, 32), 64)));
        AdaptiveDetectorTest.Key unbounded = new AdaptiveDetectorTest.Key(new RangeDetector(settings(0, 0.01, 12,
                List.of(8, 32), 64)));
        AdaptiveDetectorTest.assertSameScores(bounded, unbounded, 5000);
        assertThat(bounded.flags).isPositive().isLessThanOrEqualTo(unbounded.flags);
    }

    @Test
    void shouldFlagAtMostTwiceTheTargetRateOnAKeyThatKeepsBreakingItsRecords() {
        // a key that grows by 10 % per event: each value exceeds the range so far by ~9.5 % of it, an alarm each time
        SplittableRandom random = new SplittableRandom(11);
        for (double rate : new double[] {0.01, 0.005}) {
            AdaptiveDetectorTest.Key bounded = new AdaptiveDetectorTest.Key(new RangeDetector(settings(0.3, rate, 0,
                    List.of(8, 32), 64)));
            AdaptiveDetectorTest.Key unbounded = new AdaptiveDetectorTest.Key(new RangeDetector(settings(0, rate, 0,
                    List.of(8, 32), 64)));
            for (int t = 0; t < 2500; t++) {
                double v = Math.exp(0.1 * t) * (1 + 0.001 * random.nextGaussian());
                bounded.offer(t, v);
                unbounded.offer(t, v);
            }
            assertThat(unbounded.flagRate()).as("every record an alarm").isGreaterThan(0.5);
            assertThat(bounded.flagRate()).as("target %s", rate).isLessThanOrEqualTo(2 * rate);
        }
    }

    @Test
    void shouldTakeTheTargetRateFromTheReleaseUnlessASettingOverridesIt() {
        for (double override : new double[] {Double.NaN, 0.05}) {
            AdaptiveDetectorTest.Key k = new AdaptiveDetectorTest.Key(new RangeDetector(settings(4, override, 0, List.of(),
                    1_000_000)));
            k.event.calibration = new ResidualCalibration(new double[] {0}, new double[] {1},
                    ResidualCalibration.Statistic.MAX_ABS, new double[0], 0.99, 0.95, new double[] {-2}, new double[] {2},
                    0, 0.2);
            k.offer(0, 0);
            k.offer(1, 1);
            assertThat(k.offer(2, 1.5)).as("E = 0.5: an alarm above q = 0").isCloseTo(0.5 / 0.55, within(1e-12));
            assertThat(k.flags).isEqualTo(1);
            double alpha = Double.isNaN(override) ? 0.2 : override;
            // q ← 4·0.05·(1 − α); the value channel's E now 0.1 / 1.5 < q: an alarm, not flagged
            assertThat(k.state.doubles()[k.state.blockSize() - 1]).isCloseTo(0.2 * (1 - alpha), within(1e-12));
            assertThat(k.offer(3, 1.6)).isGreaterThan(0.5);
            assertThat(k.flags).isEqualTo(1);
        }
    }

    @Test
    void shouldExtendAStateWrittenWithoutTheAlarmLevelKeepingWhatItLearned() {
        RangeDetector detector = new RangeDetector(settings(0.3, 0.01, 12, List.of(8, 32), 64));
        AdaptiveDetectorTest.Key k = new AdaptiveDetectorTest.Key(detector);
        AdaptiveDetectorTest.Key reference = new AdaptiveDetectorTest.Key(new RangeDetector(settings(0.3, 0.01, 12,
                List.of(8, 32), 64)));
        SplittableRandom random = new SplittableRandom(5);
        for (int t = 0; t < 1000; t++) {
            double v = random.nextGaussian();
            k.offer(t, v);
            reference.offer(t, v);
        }
        int size = detector.stateSize(1, 1);
        assertThat(k.state.blockSize()).isEqualTo(size);
        assertThat(k.state.doubles()[size - 1]).as("q of normal data").isZero();
        // the block as an earlier version wrote it: the range channels alone
        k.state.block = java.util.Arrays.copyOf(k.state.doubles(), size - RangeDetector.EXTRA);
        k.state.size = size - RangeDetector.EXTRA;
        for (int t = 1000; t < 1200; t++) {
            double v = t == 1100 ? 9 : random.nextGaussian();
            assertThat(k.offer(t, v)).as("t%d", t).isEqualTo(reference.offer(t, v));
        }
        assertThat(k.state.blockSize()).isEqualTo(size);
        assertThat(k.flags).isEqualTo(reference.flags).isPositive();
    }
}
