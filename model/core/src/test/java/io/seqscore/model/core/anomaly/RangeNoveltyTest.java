package io.seqscore.model.core.anomaly;

import io.seqscore.model.core.anomaly.RangeNovelty.Update;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Every channel on short sequences whose exceedances are derived by hand in the comments. */
class RangeNoveltyTest {
    private static final double M = 0.05;

    private static double score(double e) {
        return e / (e + M);
    }

    /** Feeds one univariate event; forecast = NaN keeps the previous forecast, season = NaN means none. */
    private static double step(RangeNovelty r, double[] s, long[] c, int dims, double v, float z, float season,
                               float forecast, Update how) {
        double out = r.update(s, c, 1, dims, new double[] {v}, new float[] {z},
                Float.isNaN(season) ? null : new float[] {season}, how);
        if (!Float.isNaN(forecast)) {
            r.forecast(s, 1, dims, new float[] {forecast});
        }
        return out;
    }

    @Test
    void valueChannelScoresTheExceedanceOfTheRangeSeenSoFarWithARefractoryPeriod() {
        RangeNovelty r = new RangeNovelty(new int[0], 1, 1, 0.5, M, 2);
        double[] s = new double[r.stateSize(1, 0)];
        long[] c = new long[RangeNovelty.COUNTERS];
        r.reset(s, c, 1, 0);
        double[] v = {0, 10, 5, 12, 20, -10, 21, 24};
        // t0: no range yet; t1: range [0, 0] is empty (hi ≤ lo); t2: 5 inside [0, 10]
        // t3: (12 − 10)/10 = 0.2 → alarm; t4: 8/12, t5: 10/20, both refractory (t − 3 ≤ 2) → 0, still absorbed
        // t6: range [−10, 20]: 1/30 < m; t7: range [−10, 21]: 3/31 → alarm
        double[] expected = {0, 0, 0, score(0.2), 0, 0, score(1.0 / 30), score(3.0 / 31)};
        boolean[] alarms = {false, false, false, true, false, false, false, true};
        double[] exceedances = {0, 0, 0, 0.2, 8.0 / 12, 0.5, 1.0 / 30, 3.0 / 31};
        for (int t = 0; t < v.length; t++) {
            double got = step(r, s, c, 0, v[t], 0f, Float.NaN, Float.NaN, Update.SCORE);
            assertThat(got).as("score at t%d", t).isCloseTo(expected[t], within(1e-15));
            assertThat(r.exceedance()).as("E at t%d", t).isCloseTo(exceedances[t], within(1e-15));
            assertThat(r.alarm()).as("alarm at t%d", t).isEqualTo(alarms[t]);
        }
        assertThat(c[RangeNovelty.EVENTS]).isEqualTo(8);
        assertThat(c[RangeNovelty.LAST_ALARM]).isEqualTo(7);
        assertThat(s[0]).isEqualTo(-10.0);
        assertThat(s[1]).isEqualTo(24.0);
        assertThat(score(0.2)).isEqualTo(0.8, within(1e-15));
    }

    @Test
    void aMemoryShrinksEveryRangeAboutItsMidpointSoThatAnOldRecordScoresAgain() {
        RangeNovelty r = new RangeNovelty(new int[0], 1, 1, 0.5, M, 0, 4);
        double[] s = new double[r.stateSize(1, 0)];
        long[] c = new long[RangeNovelty.COUNTERS];
        r.reset(s, c, 1, 0);
        double[] v = {0, 10, 5, 5, 10, 10};
        // N = 4: after absorbing, lo += (hi − lo)/8, hi −= the same (only while hi > lo)
        // t0: [0, 0], nothing to shrink; t1: 10 absorbed → [0, 10] → [1.25, 8.75]; t2: 5 inside → [2.1875, 7.8125]
        // t3: 5 inside → [2.890625, 7.109375]; t4: (10 − 7.109375)/4.21875 = 37/54 → [2.890625, 10] → [3.779296875, 9.111328125]
        // t5: the record 10 again: (10 − 9.111328125)/5.33203125 = 1/6 (all-time ranges: 0)
        double[] exceedances = {0, 0, 0, 0, 37.0 / 54, 1.0 / 6};
        for (int t = 0; t < v.length; t++) {
            double got = step(r, s, c, 0, v[t], 0f, Float.NaN, Float.NaN, Update.SCORE);
            assertThat(r.exceedance()).as("E at t%d", t).isCloseTo(exceedances[t], within(1e-15));
            assertThat(got).as("score at t%d", t).isCloseTo(score(exceedances[t]), within(1e-15));
        }
        assertThat(s[0]).isEqualTo(3.779296875 + (10 - 3.779296875) / 8);
        assertThat(s[1]).isEqualTo(10 - (10 - 3.779296875) / 8);
        double lo = s[0];
        double hi = s[1];
        step(r, s, c, 0, 100, 0f, Float.NaN, Float.NaN, Update.PEEK);
        assertThat(s[0]).as("a late event shrinks nothing").isEqualTo(lo);
        assertThat(s[1]).isEqualTo(hi);
    }

    @Test
    void withoutAMemoryRangesRememberEverythingAsBefore() {
        RangeNovelty all = new RangeNovelty(new int[] {2, 8}, 4, 2, 0.25, M, 3);
        RangeNovelty zero = new RangeNovelty(new int[] {2, 8}, 4, 2, 0.25, M, 3, 0);
        double[] s1 = new double[all.stateSize(1, 1)];
        double[] s2 = new double[zero.stateSize(1, 1)];
        long[] c1 = new long[RangeNovelty.COUNTERS];
        long[] c2 = new long[RangeNovelty.COUNTERS];
        all.reset(s1, c1, 1, 1);
        zero.reset(s2, c2, 1, 1);
        java.util.Random random = new java.util.Random(7);
        for (int t = 0; t < 500; t++) {
            double v = Math.sin(t / 10.0) + random.nextGaussian() * (t % 97 == 0 ? 3 : 0.1);
            float z = (float) v;
            float season = t < 20 ? Float.NaN : (float) Math.sin((t - 20) / 10.0);
            float forecast = (float) Math.sin((t + 1) / 10.0);
            double a = step(all, s1, c1, 1, v, z, season, forecast, Update.SCORE);
            double b = step(zero, s2, c2, 1, v, z, season, forecast, Update.SCORE);
            assertThat(b).as("t%d", t).isEqualTo(a);
        }
        assertThat(s2).containsExactly(s1);
        assertThat(c2).containsExactly(c1);
    }

    @Test
    void levelChannelSeesAShiftThatStaysInsideTheValueRange() {
        RangeNovelty r = new RangeNovelty(new int[] {2}, 1, 1, 0.5, M, 2);
        double[] s = new double[r.stateSize(1, 0)];
        long[] c = new long[RangeNovelty.COUNTERS];
        r.reset(s, c, 1, 0);
        double[] v = {0, 10, 0, 10, 10};
        // level a: 0 (first value), 5, 2.5, 6.25, 8.125; warm 2 → scored from t2
        // t2: 2.5 inside [0, 5]; t3: (6.25 − 5)/5 = 0.25 → alarm; t4: (8.125 − 6.25)/6.25 = 0.3, refractory
        double[] expected = {0, 0, 0, score(0.25), 0};
        double[] exceedances = {0, 0, 0, 0.25, 0.3};
        for (int t = 0; t < v.length; t++) {
            assertThat(step(r, s, c, 0, v[t], 0f, Float.NaN, Float.NaN, Update.SCORE)).as("t%d", t)
                    .isCloseTo(expected[t], within(1e-15));
            assertThat(r.exceedance()).as("E at t%d", t).isCloseTo(exceedances[t], within(1e-15));
        }
        int level = 2;
        assertThat(s[level]).isEqualTo(8.125);
        assertThat(s[level + 1]).isEqualTo(0.0);
        assertThat(s[level + 2]).isEqualTo(8.125);
    }

    @Test
    void residualChannelIsOneSidedAndStartsWithTheSecondForecast() {
        RangeNovelty r = new RangeNovelty(new int[0], 1, 1, 0.5, M, 0);
        double[] s = new double[r.stateSize(1, 1)];
        long[] c = new long[RangeNovelty.COUNTERS];
        r.reset(s, c, 1, 1);
        // v = z = 1 throughout (the value range stays empty); forecasts ẑ made at t0..t3: 0.5, 2, 1, −0.5
        // residuals (scale 1: average = residual) r1 = 0.5, r2 = 1, r3 = 0, r4 = 1.5; warm 2 → scored from r3
        // r3 = 0 lies below [0.5, 1]: one-sided → 0 (two-sided it would be 1), and widens the range to [0, 1];
        // r4: (1.5 − 1)/(1 − 0) = 0.5
        float[] forecasts = {0.5f, 2f, 1f, -0.5f, Float.NaN};
        double[] expected = {0, 0, 0, 0, score(0.5)};
        for (int t = 0; t < forecasts.length; t++) {
            assertThat(step(r, s, c, 1, 1.0, 1f, Float.NaN, forecasts[t], Update.SCORE)).as("t%d", t)
                    .isCloseTo(expected[t], within(1e-15));
        }
        assertThat(c[RangeNovelty.RESIDUALS]).isEqualTo(4);
        int block = r.valueBlock();
        assertThat(s[block + 1]).isEqualTo(1.5);
        assertThat(s[block + 2]).isEqualTo(0.0);
        assertThat(s[block + 3]).isEqualTo(1.5);
    }

    @Test
    void residualAverageMovesByOneScaleOfTheResidualFromZero() {
        RangeNovelty r = new RangeNovelty(new int[0], 4, 1, 0.5, M, 0);
        double[] s = new double[r.stateSize(1, 1)];
        long[] c = new long[RangeNovelty.COUNTERS];
        r.reset(s, c, 1, 1);
        step(r, s, c, 1, 0, 0f, Float.NaN, 2f, Update.SCORE);
        step(r, s, c, 1, 0, 0f, Float.NaN, 2f, Update.SCORE);   // ρ = 0 + (2 − 0)/4 = 0.5
        step(r, s, c, 1, 0, 1f, Float.NaN, 2f, Update.SCORE);   // ρ = 0.5 + (1 − 0.5)/4 = 0.625
        assertThat(s[r.valueBlock() + 1]).isEqualTo(0.625);
    }

    @Test
    void seasonalChannelIsWeightedAndOnlyOfferedWithASeasonAgoEvent() {
        RangeNovelty r = new RangeNovelty(new int[0], 1, 1, 0.5, M, 2);
        double[] s = new double[r.stateSize(1, 0)];
        long[] c = new long[RangeNovelty.COUNTERS];
        r.reset(s, c, 1, 0);
        // differences δ (scale 1: average = difference): t1 1, t2 2, t3 0 → below [1, 2] by 1/1, weighted 0.5
        float[] z = {5f, 1f, 2f, 0f, 9f};
        float[] season = {Float.NaN, 0f, 0f, 0f, Float.NaN};
        double[] expected = {0, 0, 0, score(0.5), 0};
        for (int t = 0; t < z.length; t++) {
            assertThat(step(r, s, c, 0, 3.0, z[t], season[t], Float.NaN, Update.SCORE)).as("t%d", t)
                    .isCloseTo(expected[t], within(1e-15));
        }
        assertThat(c[RangeNovelty.SEASONALS]).isEqualTo(3);
        assertThat(c[RangeNovelty.LAST_ALARM]).isEqualTo(3);
        assertThat(r.refractory(c)).isTrue();   // t5 − 3 = 2 ≤ 2
    }

    @Test
    void seasonalAverageStartsAtTheFirstDifference() {
        RangeNovelty r = new RangeNovelty(new int[0], 1, 4, 1.0, M, 0);
        double[] s = new double[r.stateSize(1, 0)];
        long[] c = new long[RangeNovelty.COUNTERS];
        r.reset(s, c, 1, 0);
        step(r, s, c, 0, 0, 3f, 1f, Float.NaN, Update.SCORE);   // δ = 2
        step(r, s, c, 0, 0, 0f, 2f, Float.NaN, Update.SCORE);   // δ = 2 + (−2 − 2)/4 = 1
        assertThat(s[2]).isEqualTo(1.0);
        assertThat(s[3]).isEqualTo(1.0);
        assertThat(s[4]).isEqualTo(2.0);
    }

    @Test
    void peekScoresWithoutChangingTheState() {
        RangeNovelty r = new RangeNovelty(new int[] {2}, 1, 1, 0.5, M, 0);
        double[] s = new double[r.stateSize(1, 1)];
        long[] c = new long[RangeNovelty.COUNTERS];
        r.reset(s, c, 1, 1);
        for (int t = 0; t < 4; t++) {
            step(r, s, c, 1, t, t, t > 0 ? 0f : Float.NaN, t, Update.SCORE);
        }
        double[] before = s.clone();
        long[] countersBefore = c.clone();
        double peeked = step(r, s, c, 1, 9, 9f, 0f, Float.NaN, Update.PEEK);
        boolean peekAlarm = r.alarm();
        assertThat(s).containsExactly(before);
        assertThat(c).containsExactly(countersBefore);
        double scored = step(r, s, c, 1, 9, 9f, 0f, Float.NaN, Update.SCORE);
        assertThat(peeked).isEqualTo(scored).isGreaterThan(0.5);
        assertThat(peekAlarm).isTrue();
        assertThat(r.alarm()).isTrue();
        assertThat(s[1]).isEqualTo(9.0);
    }

    @Test
    void replayModelAbsorbsOnlyTheModelChannelsAndResetKeepsTheInputChannels() {
        RangeNovelty r = new RangeNovelty(new int[] {2}, 1, 1, 0.5, M, 2);
        double[] s = new double[r.stateSize(1, 1)];
        long[] c = new long[RangeNovelty.COUNTERS];
        r.reset(s, c, 1, 1);
        step(r, s, c, 1, 4, 4f, Float.NaN, 3f, Update.SCORE);
        step(r, s, c, 1, 6, 5f, 1f, 3f, Update.SCORE);
        r.resetModelChannels(s, c, 1, 1);
        assertThat(s[0]).isEqualTo(4.0);
        assertThat(s[1]).isEqualTo(6.0);
        assertThat(s[r.valueBlock()]).isNaN();
        assertThat(c[RangeNovelty.RESIDUALS]).isZero();
        assertThat(c[RangeNovelty.SEASONALS]).isZero();
        double replayed = step(r, s, c, 1, 100, 2f, 1f, 1.5f, Update.REPLAY_MODEL);
        assertThat(replayed).isNaN();
        assertThat(s[1]).as("value range untouched").isEqualTo(6.0);
        assertThat(c[RangeNovelty.EVENTS]).isEqualTo(2);
        assertThat(c[RangeNovelty.SEASONALS]).isEqualTo(1);
        assertThat(s[r.valueBlock()]).isEqualTo(1.5);
        step(r, s, c, 1, 5, 2f, Float.NaN, Float.NaN, Update.REPLAY_MODEL);
        assertThat(c[RangeNovelty.RESIDUALS]).isEqualTo(1);
        assertThat(s[r.valueBlock() + 1]).isEqualTo(0.5);   // |2 − 1.5|
    }

    @Test
    void rejectsInvalidParameters() {
        assertThatThrownBy(() -> new RangeNovelty(new int[] {0}, 1, 1, 0.25, M, 12))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RangeNovelty(new int[] {8}, 1, 1, 0.25, 0, 12))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RangeNovelty(new int[] {8}, 1, 1, Double.NaN, M, 12))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RangeNovelty(new int[] {8}, 1, 1, 0.25, M, 12, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("memory");
        assertThatThrownBy(() -> new RangeNovelty(new int[] {8}, 1, 1, 0.25, M, 12, -5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("memory");
        assertThatThrownBy(() -> new RangeNovelty(new int[] {8}, 1, 1, 0.25, M, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new RangeNovelty(new int[] {8, 32}, 64, 16, 0.25, M, 12).stateSize(1, 1)).isEqualTo(11 + 4);
    }
}
