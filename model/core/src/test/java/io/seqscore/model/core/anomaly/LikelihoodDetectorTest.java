package io.seqscore.model.core.anomaly;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The likelihood detector: Numenta's anomaly likelihood of a raw score per key. Hand-derived tails of a known
 * Gaussian, a tiny sequence of raw scores through the floors and the red filter, PEEK and REPLAY, a model change,
 * the flag rate on noise and a state of fixed size that is allocation-free per event.
 */
class LikelihoodDetectorTest {

    static DetectorSettings settings(String raw, String combine, int shortEvents, int memory, int learning,
                                     double step) {
        return new DetectorSettings() {
            @Override
            public double getDouble(String name) {
                return switch (name) {
                    case "adaptive.step" -> step;
                    case "target.rate" -> 0.01;
                    default -> DetectorsTest.DEFAULTS.getDouble(name);
                };
            }

            @Override
            public int getInt(String name) {
                return switch (name) {
                    case "likelihood.short.events" -> shortEvents;
                    case "likelihood.memory.events" -> memory;
                    case "likelihood.learning.events" -> learning;
                    default -> DetectorsTest.DEFAULTS.getInt(name);
                };
            }

            @Override
            public long getLong(String name) {
                return DetectorsTest.DEFAULTS.getLong(name);
            }

            @Override
            public String getString(String name) {
                return switch (name) {
                    case "likelihood.raw" -> raw;
                    case "likelihood.combine" -> combine;
                    default -> DetectorsTest.DEFAULTS.getString(name);
                };
            }

            @Override
            public List<Integer> getIntList(String name) {
                return DetectorsTest.DEFAULTS.getIntList(name);
            }
        };
    }

    static LikelihoodDetector residual(int shortEvents, int memory, int learning) {
        return new LikelihoodDetector(settings("residual", "none", shortEvents, memory, learning, 0.3));
    }

    private static int likelihoodAt(AdaptiveDetectorTest.Key k) {
        return k.state.blockSize() - LikelihoodDetector.RING - 10;
    }

    @Test
    void shouldGiveTheUpperTailOfAKnownGaussianAndNumentasLogScale() {
        // Q(2) = 0.5·erfc(√2) = 0.022750131948179...; Q(0) = 1/2; Q(−1) = 0.841344746068543
        assertThat(LikelihoodDetector.upperTail(0.7, 0.5, 0.01)).isCloseTo(0.022750131948179, within(1e-14));
        assertThat(LikelihoodDetector.upperTail(0.5, 0.5, 0.01)).isEqualTo(0.5);
        assertThat(LikelihoodDetector.upperTail(0.4, 0.5, 0.01)).isCloseTo(0.841344746068543, within(1e-14));
        // the floors: mean 0.03, variance 0.0003 (σ = 0.017320508...)
        assertThat(LikelihoodDetector.upperTail(0.03 + 0.017320508075688772, 0, 0))
                .isCloseTo(0.158655253931457, within(1e-12));
        // log(tail + 1e-10) / log(1e-10): 1e-5 → 0.5 (to 1e-5), 1e-3 → 0.3, 1 → 0, 0 → 1
        assertThat(LikelihoodDetector.logScore(1e-5)).isCloseTo(0.5, within(1e-5));
        assertThat(LikelihoodDetector.logScore(1e-3)).isCloseTo(0.3, within(1e-6));
        assertThat(LikelihoodDetector.logScore(1)).isZero();
        assertThat(LikelihoodDetector.logScore(0)).isEqualTo(1);
    }

    @Test
    void shouldScoreTheShortAverageOfATinySequenceOfRawScoresAgainstTheKeysOwnDistribution() {
        // the forecast is the previous value, σ 1, a calibration without knots: raw = erf(|r|/√2), r = v − v_prev
        AdaptiveDetectorTest.Key k = new AdaptiveDetectorTest.Key(residual(10, 8640, 0));
        assertThat(k.offer(0, 0)).as("no forecast yet").isNaN();
        int at = likelihoodAt(k);
        for (int t = 1; t <= LikelihoodDetector.ESTIMATION; t++) {
            assertThat(k.offer(t, 0)).as("estimating: 0 until 100 raw scores are in").isZero();
        }
        double[] s = k.state.doubles();
        assertThat(s[at + LikelihoodDetector.TAKEN]).isEqualTo(100);
        assertThat(s[at + LikelihoodDetector.MEAN]).isZero();
        assertThat(s[at + LikelihoodDetector.VARIANCE]).isZero();
        // raw 0 again: a = 0 below the floored mean 0.03: Q(−0.03/0.0173205) = Q(−1.7320508) = 0.958368...
        double quiet = k.offer(101, 0);
        assertThat(quiet).isCloseTo(Math.log(0.9583677416682264 + 1e-10) / Math.log(1e-10),
                within(1e-9));
        // r = 10: raw = erf(7.07) = 1; a = 1/10 against the floors (μ = 0, v = 0 so far):
        // z = (0.1 − 0.03) / 0.0173205 = 4.0414519, Q(z) = 2.6567e-5 (not yet red)
        double first = k.offer(102, 10);
        double tail1 = 0.5 * (1 - AnomalyScorer.erf(4.041451884327381 / Math.sqrt(2)));
        assertThat(tail1).isCloseTo(2.6567e-5, within(1e-8));
        assertThat(first).isCloseTo(Math.log(tail1 + 1e-10) / Math.log(1e-10), within(1e-9)).isLessThan(0.5);
        assertThat(k.flags).isZero();
        // absorbed: the 102nd average 0.1 → μ = 0.1/102, v = (101/102)·(1/102)·0.01, both below the floors
        assertThat(s[at + LikelihoodDetector.MEAN]).isCloseTo(0.1 / 102, within(1e-15));
        assertThat(s[at + LikelihoodDetector.VARIANCE]).isCloseTo(101.0 / 102 / 102 * 0.01, within(1e-15));
        // r = 10 again: a = 0.2, z = 9.81: red (the first of a run) → score ≈ 1, flagged
        assertThat(k.offer(103, 20)).isGreaterThan(0.99);
        assertThat(k.flags).isEqualTo(1);
        // a third: red after red → Numenta's filter reports yellow (1e-3): score 0.3, not flagged
        assertThat(k.offer(104, 30)).isCloseTo(0.3, within(1e-6));
        assertThat(k.flags).isEqualTo(1);
    }

    @Test
    void shouldLeaveTheLearningPeriodOutOfTheDistribution() {
        AdaptiveDetectorTest.Key k = new AdaptiveDetectorTest.Key(residual(1, 8640, 5));
        k.offer(0, 0);
        for (int t = 1; t <= 5; t++) {
            k.offer(t, 10 * t);
        }
        double[] s = k.state.doubles();
        int at = k.state.blockSize() - LikelihoodDetector.RING - 1;
        assertThat(s[at + LikelihoodDetector.TAKEN]).isEqualTo(5);
        assertThat(s[at + LikelihoodDetector.MEAN]).as("5 raw scores of 1, all learning").isZero();
        k.offer(6, 50);
        assertThat(s[at + LikelihoodDetector.MEAN]).as("the first absorbed: raw 0").isZero();
        k.offer(7, 60);
        assertThat(s[at + LikelihoodDetector.MEAN]).as("then raw 1 at weight 1/2").isEqualTo(0.5);
    }

    @Test
    void shouldNotChangeTheStateOnPeekAndAbsorbOnReplay() {
        AdaptiveDetectorTest.Key live = new AdaptiveDetectorTest.Key(residual(10, 8640, 0));
        SplittableRandom random = new SplittableRandom(7);
        double[] values = new double[400];
        for (int t = 0; t < values.length; t++) {
            values[t] = random.nextGaussian();
            live.offer(t, values[t]);
        }
        double[] before = Arrays.copyOf(live.state.doubles(), live.state.blockSize());
        long[] counters = live.state.counters().clone();
        live.event.observed[0] = 40;
        live.event.forecast = live.forecast;
        double peek = live.detector.update(live.state, live.event, Detector.Mode.PEEK);
        assertThat(Arrays.copyOf(live.state.doubles(), live.state.blockSize())).isEqualTo(before);
        assertThat(live.state.counters()).isEqualTo(counters);
        assertThat(peek).as("what the event scores live").isBetween(0.0, 1.0)
                .isEqualTo(live.detector.update(live.state, live.event, Detector.Mode.LIVE));

        // the same events replayed into an empty state: the same likelihood statistics (not the alarm level)
        AdaptiveDetectorTest.Key replayed = new AdaptiveDetectorTest.Key(residual(10, 8640, 0));
        assertThat(replayed.detector.beginReplay(replayed.state, 1, 1)).isEqualTo(Detector.Mode.REPLAY);
        float[] forecast = new float[1];
        for (int t = 0; t < values.length; t++) {
            replayed.event.time = t * 300_000L;
            replayed.event.observed[0] = values[t];
            replayed.event.forecast = t == 0 ? null : forecast;
            assertThat(replayed.detector.update(replayed.state, replayed.event, Detector.Mode.REPLAY)).isNaN();
            forecast[0] = (float) values[t];
            replayed.detector.forecast(replayed.state, replayed.event, forecast);
        }
        int at = before.length - LikelihoodDetector.RING - 10;
        double[] r = replayed.state.doubles();
        for (int i : new int[] {LikelihoodDetector.TAKEN, LikelihoodDetector.MEAN, LikelihoodDetector.VARIANCE,
                LikelihoodDetector.SUM}) {
            assertThat(r[at + i]).as("offset %d", i).isEqualTo(before[at + i]);
        }
        assertThat(r[at + LikelihoodDetector.TAKEN]).isEqualTo(399);
        assertThat(r[at + LikelihoodDetector.LEVEL]).isZero();
    }

    @Test
    void shouldStartTheLikelihoodAgainAfterAModelChangeAndKeepTheAlarmLevel() {
        AdaptiveDetectorTest.Key k = new AdaptiveDetectorTest.Key(residual(10, 8640, 0));
        SplittableRandom random = new SplittableRandom(9);
        for (int t = 0; t < 300; t++) {
            k.offer(t, random.nextGaussian());
        }
        double[] s = k.state.doubles();
        int at = k.state.blockSize() - LikelihoodDetector.RING - 10;
        s[at + LikelihoodDetector.LEVEL] = 0.25;
        assertThat(k.detector.beginReplay(k.state, 1, 1)).isEqualTo(Detector.Mode.REPLAY_MODEL);
        assertThat(s[at + LikelihoodDetector.TAKEN]).isZero();
        assertThat(s[at + LikelihoodDetector.MEAN]).isZero();
        assertThat(s[at + LikelihoodDetector.LEVEL]).isEqualTo(0.25);
        assertThat(k.state.counters()[RangeNovelty.EVENTS]).isEqualTo(300);
    }

    @Test
    void shouldFlagAStepChangeAndAtMostTwiceTheTargetRateOnStationaryNoise() {
        for (String raw : new String[] {"residual", "range"}) {
            // noise around a level, then a step of 12 σ with 5 times the noise that stays: flagged within 20 events
            SplittableRandom random = new SplittableRandom(13);
            AdaptiveDetectorTest.Key k = new AdaptiveDetectorTest.Key(new LikelihoodDetector(
                    settings(raw, "none", 10, 8640, 288, 0.3)));
            // calibrated to the last-value forecast's residuals on this noise (σ √2): raw scores ~ uniform
            k.event.calibration = new ResidualCalibration(new double[] {0}, new double[] {Math.sqrt(2)},
                    ResidualCalibration.Statistic.MAX_ABS, new double[0], 0.99, 0.95, new double[] {-2},
                    new double[] {2}, 0, 0.01);
            for (int t = 0; t < 3000; t++) {
                k.offer(t, random.nextGaussian());
            }
            int before = k.flags;
            assertThat((double) before / k.scored).as("%s: flag rate on noise", raw).isLessThanOrEqualTo(0.02);
            int flaggedAt = -1;
            for (int t = 3000; t < 3100 && flaggedAt < 0; t++) {
                k.offer(t, 12 + 5 * random.nextGaussian());
                if (k.flags > before) {
                    flaggedAt = t;
                }
            }
            assertThat(flaggedAt).as("%s: the step flagged", raw).isBetween(3000, 3019);
        }
    }

    @Test
    void shouldHoldTheFlagRateNearTheTargetOnAKeyWhoseRawScoresAreHeavyTailed() {
        // a square wave (its level flips every 30 events): a forecast error of 8 at every flip, red each time, 1 event
        // in 30 flagged without the alarm level; with it at most about the target rate
        SplittableRandom random = new SplittableRandom(17);
        AdaptiveDetectorTest.Key bounded = new AdaptiveDetectorTest.Key(new LikelihoodDetector(
                settings("residual", "none", 1, 8640, 288, 0.3)));
        AdaptiveDetectorTest.Key unbounded = new AdaptiveDetectorTest.Key(new LikelihoodDetector(
                settings("residual", "none", 1, 8640, 288, 0)));
        for (int t = 0; t < 30_000; t++) {
            double v = (t / 30 % 2 == 0 ? 0 : 8) + 0.01 * random.nextGaussian();
            bounded.offer(t, v);
            unbounded.offer(t, v);
        }
        assertThat(unbounded.flagRate()).as("without the alarm level").isGreaterThan(0.03);
        assertThat(bounded.flagRate()).isPositive().isLessThanOrEqualTo(0.02);
    }

    @Test
    void shouldScoreTheLargerOfTheLikelihoodAndRangeWhenCombined() {
        AdaptiveDetectorTest.Key alone = new AdaptiveDetectorTest.Key(new LikelihoodDetector(
                settings("residual", "none", 10, 8640, 288, 0.3)));
        AdaptiveDetectorTest.Key combined = new AdaptiveDetectorTest.Key(new LikelihoodDetector(
                settings("residual", "range", 10, 8640, 288, 0.3)));
        AdaptiveDetectorTest.Key range = new AdaptiveDetectorTest.Key(new RangeDetector(
                AdaptiveDetectorTest.settings(0.3, 0.01, 12, List.of(8, 32), 64)));
        SplittableRandom random = new SplittableRandom(21);
        for (int t = 0; t < 1000; t++) {
            double v = Math.sin(2 * Math.PI * t / 288) + 0.05 * random.nextGaussian() + (t == 700 ? 4 : 0);
            double a = alone.offer(t, v);
            double c = combined.offer(t, v);
            double r = range.offer(t, v);
            if (Double.isNaN(r)) {
                assertThat(c).isNaN();
            } else {
                assertThat(c).as("t%d", t).isEqualTo(Math.max(a, r));
            }
        }
    }

    @Test
    void shouldKeepAStateOfFixedSizeAndAllocateNothingPerEvent() {
        for (String raw : new String[] {"residual", "range"}) {
            LikelihoodDetector detector = new LikelihoodDetector(settings(raw, "range", 10, 8640, 288, 0.3));
            SplittableRandom random = new SplittableRandom(5);
            AdaptiveDetectorTest.Key k = new AdaptiveDetectorTest.Key(detector).feed(0, 20_000,
                    t -> random.nextGaussian());
            int size = k.state.blockSize();
            assertThat(size).isEqualTo(detector.stateSize(1, 1)).isEqualTo(11 + 4 + LikelihoodDetector.RING + 10);
            assertThat(k.bytesAllocatedFeeding(20_000, 70_000, t -> random.nextGaussian()))
                    .as("%s: bytes allocated by 50,000 events", raw).isLessThan(1024);
            assertThat(k.state.blockSize()).isEqualTo(size);
        }
    }

    @Test
    void shouldBeRegisteredAndRefuseBadSettings() {
        assertThat(Detectors.create("likelihood", settings("range", "none", 10, 8640, 288, 0.3)))
                .isInstanceOf(LikelihoodDetector.class);
        assertThatThrownBy(() -> residual(0, 8640, 288)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("short window");
        assertThatThrownBy(() -> new LikelihoodDetector(settings("htm", "none", 10, 8640, 288, 0.3)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
