package io.seqscore.model.core.anomaly;

import io.seqscore.model.core.anomaly.RangeNovelty.Update;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The give-back of a mature key's short excursions (range.transient.events W, range.transient.mature.events G). */
class RangeTransientTest {
    private static final double M = 0.05;
    /** Where the transient region starts in a one-value state without levels or forecasts. */
    private static final int WINDOW = 5;

    /** Value channel only, no refractory period: W = 3, G as given. */
    private static RangeNovelty valuesOnly(int mature) {
        return new RangeNovelty(new int[0], 1, 1, 0, M, 0, 0, 0, 0, new RangeNovelty.GiveBack(3, mature, 0), 0, 1);
    }

    private static double step(RangeNovelty r, double[] s, long[] c, double v) {
        return r.update(s, c, 1, 0, new double[] {v}, new float[] {0f}, null, Update.SCORE);
    }

    @Test
    void shouldGiveBackTheRecordsOfAShortExcursionOfAMatureKeyAndLearnWhatOutlastsTheWindow() {
        RangeNovelty r = valuesOnly(4);
        assertThat(r.stateSize(1, 0)).as("value and seasonal channels (5); the window's start; a copy of the 5")
                .isEqualTo(5 + 1 + 5);
        double[] s = new double[r.stateSize(1, 0)];
        long[] c = new long[RangeNovelty.COUNTERS];
        r.reset(s, c, 1, 0);
        double[] v = {0, 10, 5, 5, 20, 5, 15, 15, 12, 16};
        // t0-t3: [0, 10], no alarm. t4 (≥ G = 4): (20 − 10)/10 = 1, an alarm: the window opens, [0, 10] kept, [0, 20]
        // t5: 5 ≤ kept hi 10 → hi = 10 again. t6: (15 − 10)/10 = 0.5, an alarm inside the open window (which it does
        // not restart) → [0, 15]; t7: 15 > kept hi, nothing given back (t7 − t4 = 3 = W, the window's last event)
        // t8: the window closed (t8 − t4 > W): 15 is learned, 12 inside. t9: (16 − 15)/15 = 1/15 > m, an alarm
        double[] exceedances = {0, 0, 0, 0, 1, 0, 0.5, 0, 0, 1.0 / 15};
        double[] his = {0, 10, 10, 10, 20, 10, 15, 15, 15, 16};
        for (int t = 0; t < v.length; t++) {
            double got = step(r, s, c, v[t]);
            assertThat(r.exceedance()).as("E at t%d", t).isCloseTo(exceedances[t], within(1e-15));
            assertThat(got).as("score at t%d", t).isCloseTo(exceedances[t] / (exceedances[t] + M), within(1e-15));
            assertThat(s[1]).as("hi after t%d", t).isEqualTo(his[t]);
            assertThat(s[0]).as("lo after t%d", t).isEqualTo(0.0);
        }
        assertThat(s[WINDOW]).as("the window t9's alarm opened").isEqualTo(9.0);
        assertThat(Arrays.copyOfRange(s, WINDOW + 1, WINDOW + 3)).as("the value range before t9")
                .containsExactly(0.0, 15.0);
    }

    @Test
    void shouldGiveBackEveryChannelThatTheExcursionWidenedWithTheDispersionChannelOn() {
        // level scale 1 (a = v), seasonal scale 1 against a season-ago value of 0 (δ = z = v), dispersion scale 1
        // (d = |Δv|): value, level and seasonal ranges all follow v, as in the first test; four offers per event
        RangeNovelty r = new RangeNovelty(new int[] {1}, 1, 1, 1, M, 0, 0, 0, 0, new RangeNovelty.GiveBack(3, 4, 0), 1, 1);
        double[] s = new double[r.stateSize(1, 0)];
        long[] c = new long[RangeNovelty.COUNTERS];
        r.reset(s, c, 1, 0);
        for (double v : new double[] {0, 10, 5, 5, 20, 5}) {
            r.update(s, c, 1, 0, new double[] {v}, new float[] {(float) v}, new float[] {0f}, Update.SCORE);
        }
        // t4 (20) opened a window over [0, 10]; t5 (5) is back inside: value (0, 1), level (3, 4) and seasonal (6, 7)
        // ranges all get [0, 10] back; the dispersion range keeps 15 (t5's change, 15, is not back inside [0, 10])
        assertThat(new double[] {s[0], s[1], s[3], s[4], s[6], s[7]}).containsExactly(0, 10, 0, 10, 0, 10);
        assertThat(s[8 + 1 + 3]).as("dispersion hi (after the channel's count)").isEqualTo(15.0);
    }

    @Test
    void shouldKeepEveryRecordOfAKeyThatIsNotYetMature() {
        RangeNovelty r = valuesOnly(5);
        double[] s = new double[r.stateSize(1, 0)];
        long[] c = new long[RangeNovelty.COUNTERS];
        r.reset(s, c, 1, 0);
        double[] v = {0, 10, 5, 5, 20, 5, 15};
        // the alarm at t4 < G = 5 opens no window: 20 stays the record, and 15 at t6 is inside [0, 20]
        for (double x : v) {
            step(r, s, c, x);
        }
        assertThat(r.exceedance()).isEqualTo(0.0);
        assertThat(s[1]).isEqualTo(20.0);
        assertThat(s[WINDOW]).as("no window").isNaN();
    }

    @Test
    void shouldGiveBackEachSideOnItsOwnAndNeverWidenARange() {
        RangeNovelty r = valuesOnly(0);
        double[] s = new double[r.stateSize(1, 0)];
        long[] c = new long[RangeNovelty.COUNTERS];
        r.reset(s, c, 1, 0);
        for (double x : new double[] {0, 10, 5}) {
            step(r, s, c, x);
        }
        // t3: −10, an alarm (1): kept [0, 10], now [−10, 10]; t4: 30 (20 of 20) widens hi to 30, and as 30 lies
        // above the kept lo 0, the lower side gets 0 back: [0, 30]; t5: 8 is below the kept hi: [0, 10]
        step(r, s, c, -10);
        assertThat(s[0]).isEqualTo(-10.0);
        step(r, s, c, 30);
        assertThat(r.exceedance()).isEqualTo(1.0);
        assertThat(Arrays.copyOfRange(s, 0, 2)).containsExactly(0.0, 30.0);
        step(r, s, c, 8);
        assertThat(Arrays.copyOfRange(s, 0, 2)).containsExactly(0.0, 10.0);

        RangeNovelty lower = valuesOnly(0);
        double[] s2 = new double[lower.stateSize(1, 0)];
        long[] c2 = new long[RangeNovelty.COUNTERS];
        lower.reset(s2, c2, 1, 0);
        for (double x : new double[] {0, 10, 5, -10, -4}) {
            step(lower, s2, c2, x);
        }
        // −4 is above the kept lo 0? no: below it, so lo stays −10; it is below the kept hi 10, and hi was not
        // widened (10), so nothing changes there either
        assertThat(Arrays.copyOfRange(s2, 0, 2)).containsExactly(-10.0, 10.0);
    }

    @Test
    void withoutAWindowEveryRecordIsKeptAsBefore() {
        RangeNovelty before = new RangeNovelty(new int[] {2, 8}, 4, 2, 0.25, M, 3);
        RangeNovelty off = new RangeNovelty(new int[] {2, 8}, 4, 2, 0.25, M, 3, 0, 0, 0, new RangeNovelty.GiveBack(0, 10, 0), 0, 1);
        assertThat(off.stateSize(1, 1)).isEqualTo(before.stateSize(1, 1));
        assertThat(off.transientSize(1, 1)).isZero();
        double[] s1 = new double[before.stateSize(1, 1)];
        double[] s2 = new double[off.stateSize(1, 1)];
        long[] c1 = new long[RangeNovelty.COUNTERS];
        long[] c2 = new long[RangeNovelty.COUNTERS];
        before.reset(s1, c1, 1, 1);
        off.reset(s2, c2, 1, 1);
        java.util.Random random = new java.util.Random(7);
        for (int t = 0; t < 500; t++) {
            double v = Math.sin(t / 10.0) + random.nextGaussian() * (t % 97 == 0 ? 3 : 0.1);
            double a = before.update(s1, c1, 1, 1, new double[] {v}, new float[] {(float) v}, null, Update.SCORE);
            double b = off.update(s2, c2, 1, 1, new double[] {v}, new float[] {(float) v}, null, Update.SCORE);
            before.forecast(s1, 1, 1, new float[] {(float) Math.sin((t + 1) / 10.0)});
            off.forecast(s2, 1, 1, new float[] {(float) Math.sin((t + 1) / 10.0)});
            assertThat(b).as("t%d", t).isEqualTo(a);
        }
        assertThat(s2).containsExactly(s1);
    }

    @Test
    void shouldRejectInvalidParameters() {
        assertThatThrownBy(() -> new RangeNovelty.GiveBack(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("transient");
        assertThatThrownBy(() -> new RangeNovelty.GiveBack(1, -1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mature");
        assertThatThrownBy(() -> new RangeNovelty.GiveBack(1, 0, Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exceedance");
    }

    @Test
    void shouldGiveBackOnlyAnIncidentFarBeyondTheRangeWithAMinimumExceedance() {
        RangeNovelty r = new RangeNovelty(new int[0], 1, 1, 0, M, 0, 0, 0, 0, new RangeNovelty.GiveBack(3, 0, 0.5), 0, 1);
        double[] s = new double[r.stateSize(1, 0)];
        long[] c = new long[RangeNovelty.COUNTERS];
        r.reset(s, c, 1, 0);
        // t2: 12 breaks [0, 10] by 0.2 < E_min: an alarm, no window, 12 is learned; t3: 5 inside
        // t4: 30 breaks [0, 12] by 1.5 ≥ E_min: a window, [0, 12] kept; t5: 5 inside it: [0, 12] again
        for (double x : new double[] {0, 10, 12}) {
            step(r, s, c, x);
        }
        assertThat(r.alarm()).isTrue();
        assertThat(s[WINDOW]).as("a small excursion opens no window").isNaN();
        step(r, s, c, 5);
        step(r, s, c, 30);
        assertThat(r.exceedance()).isEqualTo(1.5);
        assertThat(s[WINDOW]).isEqualTo(4.0);
        step(r, s, c, 5);
        assertThat(Arrays.copyOfRange(s, 0, 2)).containsExactly(0.0, 12.0);
    }

    /** The adaptive test's settings with a give-back window W and maturity G. */
    static DetectorSettings withTransient(int window, int mature) {
        return OverriddenSettings.adaptiveWith(Map.of("range.transient.events", window,
                "range.transient.mature.events", mature));
    }

    @Test
    void shouldExtendAStateWrittenWithoutTheRegionKeepingWhatItLearned() {
        RangeDetector old = new RangeDetector(withTransient(0, 0));
        // G beyond the test's events: no window ever opens, so the extended state scores as its writer would
        RangeDetector now = new RangeDetector(withTransient(256, 1_000_000));
        SplittableRandom random = new SplittableRandom(7);
        AdaptiveDetectorTest.Key k = new AdaptiveDetectorTest.Key(old).feed(0, 1000, t -> random.nextGaussian());
        int oldSize = k.state.blockSize();
        AdaptiveDetectorTest.Key reference = k.readBy(old);
        AdaptiveDetectorTest.Key migrated = k.readBy(now);
        for (int t = 1000; t < 1500; t++) {
            double v = t == 1100 ? 9 : random.nextGaussian();
            assertThat(migrated.offer(t, v)).as("t%d", t).isEqualTo(reference.offer(t, v));
        }
        int core = oldSize - RangeDetector.EXTRA;
        double[] s = migrated.state.doubles();
        assertThat(migrated.state.blockSize()).isEqualTo(now.stateSize(1, 1)).isEqualTo(oldSize + 1 + core);
        assertThat(s[core]).as("no window open").isNaN();
        assertThat(s[now.stateSize(1, 1) - 1]).as("q kept, moved behind the region")
                .isEqualTo(reference.state.doubles()[oldSize - 1]);
        assertThat(Arrays.copyOf(s, core)).containsExactly(Arrays.copyOf(reference.state.doubles(), core));
    }

    @Test
    void shouldAllocateNothingPerEvent() {
        RangeDetector detector = new RangeDetector(withTransient(64, 100));
        SplittableRandom random = new SplittableRandom(5);
        AdaptiveDetectorTest.Key k = new AdaptiveDetectorTest.Key(detector).feed(0, 20_000, t -> random.nextGaussian());
        assertThat(k.bytesAllocatedFeeding(20_000, 70_000, t -> t % 500 == 0 ? 20 : random.nextGaussian()))
                .as("bytes allocated by 50,000 events").isLessThan(1024);
    }
}
