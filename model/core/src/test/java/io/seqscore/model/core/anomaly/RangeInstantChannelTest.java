package io.seqscore.model.core.anomaly;

import io.seqscore.model.core.anomaly.RangeNovelty.Update;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The instant channel of range novelty: the unsmoothed forecast error against the range it covered so far. */
class RangeInstantChannelTest {
    private static final double M = 0.05;

    /** A constant value (the value channel's range stays empty), scaled value z, forecast 0 for the next event. */
    private static double step(RangeNovelty r, double[] s, long[] c, float z, Update how) {
        double score = r.update(s, c, 1, 1, new double[] {3.0}, new float[] {z}, null, how);
        r.forecast(s, 1, 1, new float[] {0f});
        return score;
    }

    /** 32 residuals |z − 0|: 16 alternating 2 and 0 (noisy), 16 of 0 (quiet); then a spike of 3. */
    private static double[] spikeAfterNoisyThenQuiet(RangeNovelty r, double[] s, long[] c) {
        r.reset(s, c, 1, 1);
        step(r, s, c, 0f, Update.SCORE);
        double[] scores = new double[33];
        for (int i = 0; i < 33; i++) {
            float z = i < 16 ? (i % 2 == 0 ? 2f : 0f) : i < 32 ? 0f : 3f;
            scores[i] = step(r, s, c, z, Update.SCORE);
        }
        return scores;
    }

    @Test
    void shouldScoreAnIsolatedSpikeInsideTheSmoothedResidualsRangeOnlyWithTheInstantChannel() {
        RangeNovelty without = new RangeNovelty(new int[0], 8, 1, 0, M, 0);
        double[] s0 = new double[without.stateSize(1, 1)];
        long[] c0 = new long[RangeNovelty.COUNTERS];
        double[] scores0 = spikeAfterNoisyThenQuiet(without, s0, c0);
        // s_r = 8: the average ρ rises to 0.94 in the noisy part, decays to 0.097 in the quiet part; the spike moves
        // it to 0.097 + (3 − 0.097)/8 = 0.46, inside [0.097, 0.94]: E = 0
        assertThat(scores0).containsOnly(0.0);

        RangeNovelty with = new RangeNovelty(new int[0], 8, 1, 0, M, 0, 0, 0.5);
        assertThat(with.stateSize(1, 1)).isEqualTo(without.stateSize(1, 1) + 3);
        double[] s = new double[with.stateSize(1, 1)];
        long[] c = new long[RangeNovelty.COUNTERS];
        double[] scores = spikeAfterNoisyThenQuiet(with, s, c);
        // the instant channel covered [0, 2] in 32 residuals (≥ its warm-up 2·s_r = 16): (3 − 2)/(2 − 0) = 0.5,
        // weighted w_i = 0.5: E = 0.25; every residual before it lies inside [0, 2]
        assertThat(Arrays.copyOf(scores, 32)).containsOnly(0.0);
        assertThat(with.exceedance()).isEqualTo(0.25);
        assertThat(scores[32]).isCloseTo(0.25 / (0.25 + M), within(1e-15));
        assertThat(with.alarm()).isTrue();
        int at = with.valueBlock() + RangeNovelty.FORECAST_BLOCK;
        assertThat(s[at]).as("residuals absorbed").isEqualTo(33);
        assertThat(s[at + 1]).isEqualTo(0.0);
        assertThat(s[at + 2]).isEqualTo(3.0);
        assertThat(Arrays.copyOf(s, at)).as("the other channels as without it").containsExactly(Arrays.copyOf(s0, at));
    }

    @Test
    void shouldNotScoreBeforeItsOwnWarmUpNorChangeOnAPeek() {
        RangeNovelty r = new RangeNovelty(new int[0], 2, 1, 0, M, 0, 0, 3);
        double[] s = new double[r.stateSize(1, 1)];
        long[] c = new long[RangeNovelty.COUNTERS];
        r.reset(s, c, 1, 1);
        step(r, s, c, 0f, Update.SCORE);
        // residuals 1, 0, 1 (n = 0..2 < warm 2·s_r = 4): nothing scored; then 5 at n = 3: still warming up
        for (float z : new float[] {1f, 0f, 1f, 5f}) {
            assertThat(step(r, s, c, z, Update.SCORE)).isZero();
        }
        int at = r.valueBlock() + RangeNovelty.FORECAST_BLOCK;
        assertThat(s[at]).isEqualTo(4);
        // n = 4: range [0, 5]; a peek at 7: (7 − 5)/5 = 0.4, weighted 3: 1.2, above the residual average's
        // ρ: 0.5, 0.25, 0.625, 2.8125, then 2.8125 + (7 − 2.8125)/2 = 4.90625 over [0.25, 2.8125]: 67/82; nothing absorbed
        double[] before = s.clone();
        assertThat(step(r, s, c, 7f, Update.PEEK)).isCloseTo(1.2 / (1.2 + M), within(1e-15));
        assertThat(r.exceedance()).isCloseTo(1.2, within(1e-15));
        assertThat(s).containsExactly(before);
        // a model change forgets it, with the residual channel
        r.resetModelChannels(s, c, 1, 1);
        assertThat(s[at]).isZero();
        assertThat(s[at + 1]).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(s[at + 2]).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void shouldRejectANegativeOrInfiniteWeight() {
        assertThatThrownBy(() -> new RangeNovelty(new int[0], 8, 1, 0, M, 0, 0, -0.25))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("instant weight");
        assertThatThrownBy(() -> new RangeNovelty(new int[0], 8, 1, 0, M, 0, 0, Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new RangeNovelty(new int[0], 8, 1, 0, M, 0, 0, 0).stateSize(1, 1))
                .as("w_i = 0: no state for the channel").isEqualTo(5 + 4);
        assertThat(new RangeNovelty(new int[0], 8, 1, 0, M, 0, 0, 1).stateSize(2, 0)).isEqualTo(2 * 5);
    }

    @Test
    void shouldForgetAnOldLargeErrorWithItsOwnMemoryWhileTheOtherChannelsRememberIt() {
        // s_r = 1: the residual average is the residual itself, over a range of all time; warm-up 2 residuals
        RangeNovelty allTime = new RangeNovelty(new int[0], 1, 1, 0, M, 0, 0, 1);
        RangeNovelty own = new RangeNovelty(new int[0], 1, 1, 0, M, 0, 0, 1, 4);
        double[] s0 = new double[allTime.stateSize(1, 1)];
        double[] s = new double[own.stateSize(1, 1)];
        long[] c0 = new long[RangeNovelty.COUNTERS];
        long[] c = new long[RangeNovelty.COUNTERS];
        allTime.reset(s0, c0, 1, 1);
        own.reset(s, c, 1, 1);
        step(allTime, s0, c0, 0f, Update.SCORE);
        step(own, s, c, 0f, Update.SCORE);
        // residuals 0, 4, 2, 2; N_i = 4: after each, the instant range shrinks by (hi − lo)/8 on each side:
        // [0, 0]; [0, 4] → [0.5, 3.5]; 2 inside → [0.875, 3.125]; 2 inside → [1.15625, 2.84375]
        for (float z : new float[] {0f, 4f, 2f, 2f}) {
            assertThat(step(allTime, s0, c0, z, Update.SCORE)).isZero();
            assertThat(step(own, s, c, z, Update.SCORE)).isZero();
        }
        int at = own.valueBlock() + RangeNovelty.FORECAST_BLOCK;
        assertThat(s[at + 1]).isEqualTo(1.15625);
        assertThat(s[at + 2]).isEqualTo(2.84375);
        assertThat(s0[at + 1]).isZero();
        assertThat(s0[at + 2]).isEqualTo(4.0);
        // then 3: inside the all-time [0, 4]; over the shrunk range by (3 − 2.84375)/1.6875 = 5/54
        assertThat(step(allTime, s0, c0, 3f, Update.SCORE)).isZero();
        assertThat(step(own, s, c, 3f, Update.SCORE)).isCloseTo((5.0 / 54) / (5.0 / 54 + M), within(1e-15));
        assertThat(own.exceedance()).isCloseTo(5.0 / 54, within(1e-15));
        assertThat(own.alarm()).isTrue();
        assertThat(Arrays.copyOf(s, at)).as("the residual channel keeps its record of 4 (memory 0)")
                .containsExactly(Arrays.copyOf(s0, at));
    }

    @Test
    void shouldFollowTheChannelsMemoryWithoutOneOfItsOwn() {
        RangeNovelty eight = new RangeNovelty(new int[] {4}, 2, 1, 0, M, 3, 16, 0.5);
        RangeNovelty nine = new RangeNovelty(new int[] {4}, 2, 1, 0, M, 3, 16, 0.5, 0);
        double[] s8 = new double[eight.stateSize(1, 2)];
        double[] s9 = new double[nine.stateSize(1, 2)];
        long[] c8 = new long[RangeNovelty.COUNTERS];
        long[] c9 = new long[RangeNovelty.COUNTERS];
        eight.reset(s8, c8, 1, 2);
        nine.reset(s9, c9, 1, 2);
        SplittableRandom random = new SplittableRandom(11);
        for (int t = 0; t < 500; t++) {
            double[] v = {random.nextGaussian()};
            float[] z = {(float) random.nextGaussian(), (float) random.nextGaussian()};
            float[] next = {(float) random.nextGaussian(), (float) random.nextGaussian()};
            assertThat(nine.update(s9, c9, 1, 2, v, z, null, Update.SCORE))
                    .isEqualTo(eight.update(s8, c8, 1, 2, v, z, null, Update.SCORE));
            eight.forecast(s8, 1, 2, next);
            nine.forecast(s9, 1, 2, next);
        }
        assertThat(s9).containsExactly(s8);
        assertThat(c9).containsExactly(c8);
        assertThatThrownBy(() -> new RangeNovelty(new int[0], 8, 1, 0, M, 0, 0, 0.5, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("instant memory");
        assertThatThrownBy(() -> new RangeNovelty(new int[0], 8, 1, 0, M, 0, 0, 0.5, -2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("instant memory");
    }

    /** The adaptive test's settings with an instant weight. */
    static DetectorSettings withInstant(double weight) {
        return withInstant(weight, 0);
    }

    /** The adaptive test's settings with an instant weight and the instant channel's own memory. */
    static DetectorSettings withInstant(double weight, int memory) {
        return OverriddenSettings.adaptiveWith(Map.of("range.instant.weight", weight,
                "range.instant.memory.events", memory));
    }

    @Test
    void shouldExtendAStateWrittenWithoutTheChannelKeepingWhatItLearnedWithTheChannelEmpty() {
        for (boolean adaptive : new boolean[] {false, true}) {
            Detector old = adaptive ? new AdaptiveDetector(withInstant(0)) : new RangeDetector(withInstant(0));
            Detector now = adaptive ? new AdaptiveDetector(withInstant(0.5)) : new RangeDetector(withInstant(0.5));
            int extra = adaptive ? AdaptiveDetector.EXTRA : RangeDetector.EXTRA;
            SplittableRandom random = new SplittableRandom(7);
            AdaptiveDetectorTest.Key k = new AdaptiveDetectorTest.Key(old).feed(0, 1000, t -> random.nextGaussian());
            int oldSize = k.state.blockSize();
            AdaptiveDetectorTest.Key reference = k.readBy(old);
            AdaptiveDetectorTest.Key migrated = k.readBy(now);
            // until the new channel warms up (2·s_r = 128 residuals) it scores exactly as the state's writer
            for (int t = 1000; t < 1128; t++) {
                double v = t == 1100 ? 9 : random.nextGaussian();
                assertThat(migrated.offer(t, v)).as("adaptive %s t%d", adaptive, t).isEqualTo(reference.offer(t, v));
            }
            double[] s = migrated.state.doubles();
            int size = oldSize + 3;
            assertThat(migrated.state.blockSize()).isEqualTo(size);
            int core = oldSize - extra;
            assertThat(s[core]).as("residuals the new channel absorbed").isEqualTo(128);
            assertThat(s[core + 1]).as("the smallest residual since").isBetween(0.0, 0.1);
            assertThat(s[core + 2]).as("the spike's residual").isGreaterThan(5);
            assertThat(Arrays.copyOfRange(s, size - extra, size)).as("q (and the last alarm) kept, moved behind it")
                    .containsExactly(Arrays.copyOfRange(reference.state.doubles(), oldSize - extra, oldSize));
        }
    }

    @Test
    void shouldAllocateNothingPerEvent() {
        RangeDetector detector = new RangeDetector(withInstant(0.5, 480));
        SplittableRandom random = new SplittableRandom(5);
        AdaptiveDetectorTest.Key k = new AdaptiveDetectorTest.Key(detector).feed(0, 20_000, t -> random.nextGaussian());
        assertThat(k.state.blockSize()).isEqualTo(detector.stateSize(1, 1)).isEqualTo(11 + 4 + 3 + RangeDetector.EXTRA);
        assertThat(k.bytesAllocatedFeeding(20_000, 70_000, t -> random.nextGaussian()))
                .as("bytes allocated by 50,000 events").isLessThan(1024);
    }
}
