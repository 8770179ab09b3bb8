package io.seqscore.app.dashboard;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WindowsTest {
    @Test
    void shouldAverageTheWholeSecondsBeforeTheCurrentOne() {
        RateWindow rate = new RateWindow(2);
        rate.add(10_000, 4);
        rate.add(10_999, 2);
        rate.add(11_500, 10);
        rate.add(12_100, 100);
        // at 12.5 s: seconds 10 (6 events) and 11 (10 events) count, second 12 is not over yet
        assertThat(rate.perSecond(12_500)).isEqualTo(8.0);
        // at 13.0 s: seconds 11 and 12
        assertThat(rate.perSecond(13_000)).isEqualTo(55.0);
        // at 20 s: nothing recent
        assertThat(rate.perSecond(20_000)).isZero();
    }

    @Test
    void shouldReuseABucketOnceItsSecondHasPassed() {
        RateWindow rate = new RateWindow(1);
        rate.add(1_000, 7);
        rate.add(3_000, 1);
        assertThat(rate.perSecond(4_000)).isEqualTo(1.0);
    }

    @Test
    void shouldGiveNearestRankQuantilesOfTheLastValues() {
        LatencyWindow w = new LatencyWindow(4);
        assertThat(w.quantile(0.5)).isNull();
        for (long v : new long[] {100, 1, 2, 3, 4}) {
            w.add(v);
        }
        // window holds 1, 2, 3, 4 (100 fell out)
        assertThat(w.quantile(0.5)).isEqualTo(2L);
        assertThat(w.quantile(0.75)).isEqualTo(3L);
        assertThat(w.quantile(0.99)).isEqualTo(4L);
        assertThat(w.quantile(0.0)).isEqualTo(1L);
    }
}
