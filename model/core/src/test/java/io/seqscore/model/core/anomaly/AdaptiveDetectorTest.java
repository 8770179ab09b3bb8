package io.seqscore.model.core.anomaly;

import io.seqscore.model.core.features.EventRing;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The adaptive detector: the range detector's exceedance against a per-key alarm level max(m, q), q tracking the
 * (1 − α) quantile of the key's exceedances. Hand-computed values on the value channel alone, "range" exactly at
 * step 0, a flag rate at or below 2α on normal data where "range" flags far more, and a state of fixed size
 * that is allocation-free per event.
 */
class AdaptiveDetectorTest {
    private static final long SPACING = 300_000L;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** The DetectorsTest defaults with the adaptive settings, a refractory period and level scales of choice. */
    static DetectorSettings settings(double step, double rate, int refractory, List<Integer> levels, int residualScale) {
        return new DetectorSettings() {
            @Override
            public double getDouble(String name) {
                return switch (name) {
                    case "adaptive.step" -> step;
                    case "target.rate" -> rate;
                    default -> DetectorsTest.DEFAULTS.getDouble(name);
                };
            }

            @Override
            public int getInt(String name) {
                return switch (name) {
                    case "range.refractory.events" -> refractory;
                    case "range.residual.scale" -> residualScale;
                    default -> DetectorsTest.DEFAULTS.getInt(name);
                };
            }

            @Override
            public long getLong(String name) {
                return DetectorsTest.DEFAULTS.getLong(name);
            }

            @Override
            public String getString(String name) {
                return DetectorsTest.DEFAULTS.getString(name);
            }

            @Override
            public List<Integer> getIntList(String name) {
                return levels;
            }
        };
    }

    /**
     * Feeds both keys the same {@code steps} events (a random walk (seed 3) with a daily season of 288 steps and a
     * spike of 5 every 500) and asserts that {@code checked} scores each exactly as {@code reference}.
     */
    static void assertSameScores(Key checked, Key reference, int steps) {
        SplittableRandom random = new SplittableRandom(3);
        double level = 0;
        for (int t = 0; t < steps; t++) {
            level += 0.1 * random.nextGaussian();
            double v = level + Math.sin(2 * Math.PI * t / 288) + (t % 500 == 499 ? 5 : 0);
            double c = checked.offer(t, v);
            double r = reference.offer(t, v);
            if (Double.isNaN(r)) {
                assertThat(c).isNaN();
            } else {
                assertThat(c).as("t%d", t).isEqualTo(r);
            }
        }
    }

    /** One key fed event by event: value v, forecast = the previous value (a last-value forecaster). */
    static final class Key {
        final Detector detector;
        final ArrayDetectorState state = new ArrayDetectorState();
        final DetectorEvent event = new DetectorEvent();
        final EventRing ring = new EventRing(400);
        final float[] zNext = new float[1];
        final float[] forecast = new float[1];
        int flags;
        int scored;

        Key(Detector detector) {
            this.detector = detector;
            event.values = 1;
            event.dims = 1;
            event.observed = new double[1];
            event.mu = new float[] {0};
            event.sigma = new float[] {1};
            event.calibration = new ResidualCalibration(new double[] {0}, new double[] {1},
                    ResidualCalibration.Statistic.MAX_ABS, new double[0], 0.99, 0.95, new double[] {-2},
                    new double[] {2}, 0, 0.01);
            event.before = ring;
        }

        double offer(int t, double v) {
            event.time = t * SPACING;
            event.observed[0] = v;
            event.forecast = t == 0 ? null : forecast;
            double score = detector.update(state, event, Detector.Mode.LIVE);
            if (!Double.isNaN(score)) {
                scored++;
                if (detector.flags(score, event)) {
                    flags++;
                }
            }
            zNext[0] = (float) v;
            forecast[0] = (float) v;
            detector.forecast(state, event, zNext);
            ring.add(event.time, (float) v);
            return score;
        }

        double flagRate() {
            return (double) flags / scored;
        }

        /** Takes the events t in [from, to), of values value(t); returns this key. */
        Key feed(int from, int to, IntToDoubleFunction value) {
            for (int t = from; t < to; t++) {
                offer(t, value.applyAsDouble(t));
            }
            return this;
        }

        /** Bytes this thread allocates while the key takes {@link #feed} events (feed it some before: JIT warm-up). */
        long bytesAllocatedFeeding(int from, int to, IntToDoubleFunction value) {
            long id = Thread.currentThread().getId();
            long before = THREADS.getThreadAllocatedBytes(id);
            feed(from, to, value);
            return THREADS.getThreadAllocatedBytes(id) - before;
        }

        /** A key that continues this one under another detector: its state as written, its ring and forecast. */
        Key readBy(Detector other) {
            Key next = new Key(other);
            next.state.block = Arrays.copyOf(state.doubles(), state.blockSize());
            next.state.size = state.blockSize();
            System.arraycopy(state.counters, 0, next.state.counters, 0, DetectorState.COUNTERS);
            for (int i = ring.count() - 1; i >= 0; i--) {
                next.ring.add(ring.time(i), ring.value(i));
            }
            next.forecast[0] = forecast[0];
            return next;
        }
    }

    @Test
    void shouldScoreTheExceedanceAgainstAnAlarmLevelThatRisesWithTheKeysExceedances() {
        Key k = new Key(new AdaptiveDetector(settings(4, 0.01, 0, List.of(), 1_000_000)));
        assertThat(k.offer(0, 0)).isNaN();
        assertThat(k.offer(1, 1)).isZero();
        double[] s = k.state.doubles();
        int q = k.state.blockSize() - 2;
        assertThat(s[q]).isZero();
        // range [0, 1]: E = 0.5; θ = max(0.05, 0) → 0.5 / 0.55; q ← 4·0.05·(1 − 0.01) = 0.198
        assertThat(k.offer(2, 1.5)).isCloseTo(0.5 / 0.55, within(1e-12));
        assertThat(k.flags).isEqualTo(1);
        assertThat(s[q]).isCloseTo(0.198, within(1e-12));
        assertThat(s[q + 1]).isEqualTo(2);
        // range [0, 1.5]: E = 1/1.5; θ = 0.198 → E / (E + 0.198); q ← 0.198 + 0.198 = 0.396
        double e = 1 / 1.5;
        assertThat(k.offer(3, 2.5)).isCloseTo(e / (e + 0.198), within(1e-12));
        assertThat(k.flags).isEqualTo(2);
        assertThat(s[q]).isCloseTo(0.396, within(1e-12));
        // inside [0, 2.5]: E = 0, score 0; q ← 0.396 − 4·0.05·0.01 = 0.394
        assertThat(k.offer(4, 1.0)).isZero();
        assertThat(s[q]).isCloseTo(0.394, within(1e-12));
        // E = 0.1/2.5 = 0.04 < θ = 0.394: scored, not flagged
        assertThat(k.offer(5, 2.6)).isCloseTo(0.04 / 0.434, within(1e-12));
        assertThat(k.flags).isEqualTo(2);
    }

    @Test
    void shouldTakeTheTargetRateFromTheReleaseUnlessASettingOverridesIt() {
        Key k = new Key(new AdaptiveDetector(settings(4, Double.NaN, 0, List.of(), 1_000_000)));
        k.event.calibration = new ResidualCalibration(new double[] {0}, new double[] {1},
                ResidualCalibration.Statistic.MAX_ABS, new double[0], 0.99, 0.95, new double[] {-2}, new double[] {2}, 0,
                0.2);
        k.offer(0, 0);
        k.offer(1, 1);
        k.offer(2, 1.5);
        // q ← 4·0.05·(1 − 0.2)
        assertThat(k.state.doubles()[k.state.blockSize() - 2]).isCloseTo(0.16, within(1e-12));
    }

    @Test
    void shouldScoreAndFlagExactlyAsTheRangeDetectorAtStepZero() {
        Key adaptive = new Key(new AdaptiveDetector(settings(0, 0.01, 12, List.of(8, 32), 64)));
        Key range = new Key(new RangeDetector(settings(0, 0.01, 12, List.of(8, 32), 64)));
        assertSameScores(adaptive, range, 3000);
        assertThat(adaptive.flags).isEqualTo(range.flags).isPositive();
    }

    @Test
    void shouldFlagAtMostTwiceTheTargetRateOnNormalDataWhereTheRangeDetectorFlagsFarMore() {
        SplittableRandom random = new SplittableRandom(11);
        int n = 40_000;
        double[] walk = new double[n];
        double[] noise = new double[n];
        for (int t = 1; t < n; t++) {
            walk[t] = walk[t - 1] + random.nextGaussian();
            noise[t] = random.nextGaussian();
        }
        for (double[] series : new double[][] {walk, noise}) {
            Key adaptive = new Key(new AdaptiveDetector(settings(1, 0.01, 12, List.of(8, 32), 64)));
            Key range = new Key(new RangeDetector(settings(0, 0.01, 12, List.of(8, 32), 64)));
            for (int t = 0; t < n; t++) {
                adaptive.offer(t, series[t]);
                range.offer(t, series[t]);
            }
            assertThat(adaptive.flagRate()).isLessThanOrEqualTo(0.02).isLessThanOrEqualTo(range.flagRate());
        }
        // a key that grows by 10 % per event (compounding): each value exceeds the range so far by ~9.5 % of it
        Key adaptive = new Key(new AdaptiveDetector(settings(1, 0.01, 0, List.of(8, 32), 64)));
        Key range = new Key(new RangeDetector(settings(0, 0.01, 0, List.of(8, 32), 64)));
        for (int t = 0; t < 800; t++) {
            double v = Math.exp(0.1 * t) * (1 + 0.001 * random.nextGaussian());
            adaptive.offer(t, v);
            range.offer(t, v);
        }
        assertThat(range.flagRate()).as("range flags every record").isGreaterThan(0.5);
        assertThat(adaptive.flagRate()).isLessThanOrEqualTo(0.02);
    }

    @Test
    void shouldKeepAStateOfFixedSizeAndAllocateNothingPerEvent() {
        AdaptiveDetector detector = new AdaptiveDetector(settings(1, 0.01, 12, List.of(8, 32), 64));
        SplittableRandom random = new SplittableRandom(5);
        Key k = new Key(detector).feed(0, 20_000, t -> random.nextGaussian());
        int size = k.state.blockSize();
        assertThat(size).isEqualTo(detector.stateSize(1, 1)).isEqualTo(11 + 4 + AdaptiveDetector.EXTRA);
        assertThat(k.bytesAllocatedFeeding(20_000, 70_000, t -> random.nextGaussian()))
                .as("bytes allocated by 50,000 events").isLessThan(1024);
        assertThat(k.state.blockSize()).isEqualTo(size);
    }

    @Test
    void shouldKeepTheAlarmLevelAcrossAModelChangeAndPeekWithoutChangingIt() {
        Key k = new Key(new AdaptiveDetector(settings(4, 0.01, 0, List.of(), 1_000_000)));
        k.offer(0, 0);
        k.offer(1, 1);
        k.offer(2, 1.5);
        double[] s = k.state.doubles();
        int q = k.state.blockSize() - 2;
        double level = s[q];
        k.event.observed[0] = 9;
        k.event.forecast = k.forecast;
        double peek = k.detector.update(k.state, k.event, Detector.Mode.PEEK);
        assertThat(peek).isGreaterThan(0.5);
        assertThat(s[q]).isEqualTo(level);
        assertThat(k.detector.beginReplay(k.state, 1, 1)).isEqualTo(Detector.Mode.REPLAY_MODEL);
        assertThat(s[q]).isEqualTo(level);
        assertThat(s[q + 1]).isEqualTo(2);
        k.state.clearBlock();
        assertThat(k.detector.beginReplay(k.state, 1, 1)).isEqualTo(Detector.Mode.REPLAY);
        assertThat(k.state.doubles()[q]).isZero();
    }

    @Test
    void shouldRefuseANegativeStepAndATargetRateOutsideZeroToOne() {
        assertThatThrownBy(() -> new AdaptiveDetector(settings(-1, 0.01, 0, List.of(), 64)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("step");
        assertThatThrownBy(() -> new AdaptiveDetector(settings(1, 1.0, 0, List.of(), 64)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("target rate");
        assertThat(Detectors.create("adaptive", settings(1, Double.NaN, 12, List.of(8, 32), 64)))
                .isInstanceOf(AdaptiveDetector.class);
    }
}
