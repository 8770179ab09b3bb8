package io.seqscore.model.core.anomaly;

import io.seqscore.model.core.anomaly.RangeNovelty.Update;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The dispersion channel of range novelty: the moving average of |v − previous v| against its range so far. */
class RangeDispersionChannelTest {
    private static final double M = 0.05;
    /** Where the dispersion channel's first value block starts in a one-value state without levels or forecasts. */
    private static final int AT = 6;

    private static RangeNovelty dispersion(double weight, int scale) {
        return new RangeNovelty(new int[0], 1, 1, 0, M, 0, 0, 0, 0, RangeNovelty.GiveBack.OFF, weight, scale);
    }

    private static double[] exceedances(RangeNovelty r, double[] s, double... v) {
        long[] c = new long[RangeNovelty.COUNTERS];
        r.reset(s, c, 1, 0);
        double[] e = new double[v.length];
        for (int t = 0; t < v.length; t++) {
            r.update(s, c, 1, 0, new double[] {v[t]}, new float[] {0f}, null, Update.SCORE);
            e[t] = r.exceedance();
        }
        return e;
    }

    @Test
    void shouldScoreAValueThatFreezesInsideTheKeysRangeOfValues() {
        RangeNovelty r = dispersion(1, 1);
        assertThat(r.stateSize(1, 0)).as("value and seasonal channels (5), the count, then prev, d, lo, hi")
                .isEqualTo(5 + 1 + 4);
        double[] s = new double[r.stateSize(1, 0)];
        // s_d = 1: d is the change itself. t1: d = 10 (first change; warm-up 2 events). t2-t5: changes 8, 8, 10, 10,
        // range [8, 10]; every value inside the value range [0, 10]. t6: change 5: (8 − 5)/(10 − 8) = 1.5.
        // t7: frozen, change 0 against [5, 10]: 5/5 = 1
        double[] e = exceedances(r, s, 0, 10, 2, 10, 0, 10, 5, 5);
        assertThat(e).containsExactly(new double[] {0, 0, 0, 0, 0, 0, 1.5, 1.0}, within(1e-15));
        assertThat(Arrays.copyOfRange(s, AT, AT + 4)).as("prev, d, lo, hi").containsExactly(5.0, 0.0, 0.0, 10.0);
        assertThat(s[AT - 1]).as("changes absorbed").isEqualTo(7.0);

        RangeNovelty half = dispersion(0.5, 1);
        assertThat(exceedances(half, new double[half.stateSize(1, 0)], 0, 10, 2, 10, 0, 10, 5, 5))
                .as("weighted").containsExactly(new double[] {0, 0, 0, 0, 0, 0, 0.75, 0.5}, within(1e-15));
        assertThat(exceedances(dispersion(0, 1), new double[dispersion(0, 1).stateSize(1, 0)], 0, 10, 2, 10, 0, 10, 5, 5))
                .as("off").containsOnly(0.0);
    }

    @Test
    void shouldAverageTheChangesOverItsScaleAndWaitTwiceItsScale() {
        RangeNovelty r = dispersion(1, 2);
        double[] s = new double[r.stateSize(1, 0)];
        // s_d = 2: d = 4 (t1, the first change), then d ← d + (change − d)/2: t2 (change 2) 3, t3 (change 2) 2.5,
        // t4 (change 0) 1.25: range [2.5, 4] so far, offered from t = 2·s_d = 4: (2.5 − 1.25)/(4 − 2.5) = 5/6;
        // every value inside the value range [0, 4]
        double[] e = exceedances(r, s, 0, 4, 2, 4, 4);
        assertThat(e).containsExactly(new double[] {0, 0, 0, 0, 5.0 / 6}, within(1e-15));
        assertThat(s[AT + 1]).isEqualTo(1.25);
    }

    @Test
    void shouldRejectInvalidParameters() {
        assertThatThrownBy(() -> dispersion(-1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dispersion");
        assertThatThrownBy(() -> dispersion(1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dispersion");
    }

    /** The adaptive test's settings with a dispersion weight (scale 32). */
    static DetectorSettings withDispersion(double weight) {
        return OverriddenSettings.adaptiveWith(Map.of("range.dispersion.weight", weight));
    }

    @Test
    void shouldExtendAStateWrittenWithoutTheChannelKeepingWhatItLearnedWithTheChannelEmpty() {
        RangeDetector old = new RangeDetector(withDispersion(0));
        RangeDetector now = new RangeDetector(withDispersion(0.5));
        SplittableRandom random = new SplittableRandom(7);
        AdaptiveDetectorTest.Key k = new AdaptiveDetectorTest.Key(old).feed(0, 1000, t -> random.nextGaussian());
        int oldSize = k.state.blockSize();
        double[] written = Arrays.copyOf(k.state.doubles(), oldSize);
        AdaptiveDetectorTest.Key reference = k.readBy(old);
        AdaptiveDetectorTest.Key migrated = k.readBy(now);
        assertThat(migrated.offer(1000, 0.5)).isEqualTo(reference.offer(1000, 0.5));
        double[] s = migrated.state.doubles();
        int base = oldSize - RangeDetector.EXTRA;
        assertThat(migrated.state.blockSize()).isEqualTo(now.stateSize(1, 1)).isEqualTo(oldSize + 5);
        assertThat(Arrays.copyOf(s, 2)).as("the value range learned").containsExactly(Arrays.copyOf(written, 2));
        assertThat(s[base]).as("no change absorbed yet").isZero();
        assertThat(s[base + 1]).as("the channel's previous value: this event's").isEqualTo(0.5);
        assertThat(s[base + 2]).as("no change averaged yet").isZero();
        assertThat(s[base + 3]).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(s[oldSize + 5 - 1]).as("q moved behind the channel")
                .isCloseTo(Math.max(0, written[oldSize - 1] - 0.3 * M * 0.01), within(1e-12));
        // the channel counts its own changes: until it has averaged 2·s_d = 64 of them the key scores exactly as
        // the state's writer would, though the key itself is long past its warm-up
        for (int t = 1001; t < 1064; t++) {
            double v = t == 1030 ? 9 : random.nextGaussian();
            assertThat(migrated.offer(t, v)).as("t%d", t).isEqualTo(reference.offer(t, v));
        }
        assertThat(migrated.state.doubles()[base]).as("changes absorbed").isEqualTo(63.0);
    }
}
