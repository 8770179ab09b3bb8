package io.seqscore.model.core.features;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventRingTest {
    @Test
    void keepsTheLatestEventsNewestFirst() {
        EventRing ring = new EventRing(3);
        for (int i = 1; i <= 5; i++) {
            ring.add(10L * i, i + 0.5f);
        }
        assertThat(ring.count()).isEqualTo(3);
        assertThat(new long[] {ring.time(0), ring.time(1), ring.time(2)}).containsExactly(50, 40, 30);
        assertThat(new float[] {ring.value(0), ring.value(1), ring.value(2)}).containsExactly(5.5f, 4.5f, 3.5f);
        assertThatThrownBy(() -> ring.time(3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void lookupReturnsTheNewestEventAtOrBeforeTheTargetWithinTolerance() {
        EventRing ring = new EventRing(8);
        long[] times = {0, 5, 10, 15, 20};
        for (long t : times) {
            ring.add(t, t);
        }
        assertThat(ring.newestAtOrBefore(12, 5)).isEqualTo(2);   // t = 10, 2 before
        assertThat(ring.newestAtOrBefore(10, 0)).isEqualTo(2);   // exact
        assertThat(ring.newestAtOrBefore(14, 3)).isEqualTo(EventRing.NONE); // t = 10 lies 4 before
        assertThat(ring.newestAtOrBefore(-1, 100)).isEqualTo(EventRing.NONE);
        assertThat(ring.newestAtOrBefore(100, 100)).isZero();
    }

    @Test
    void lookupFollowsArrivalOrderWithBackwardAndDuplicateTimes() {
        EventRing ring = new EventRing(8);
        ring.add(10, 1f);
        ring.add(30, 2f);
        ring.add(20, 3f);   // backward
        ring.add(20, 4f);   // duplicate
        // from the newest back, the first with time <= 25 is the newest (20, 4)
        assertThat(ring.newestAtOrBefore(25, 10)).isZero();
        // the first with time <= 15 is (10, 1), three back
        assertThat(ring.newestAtOrBefore(15, 10)).isEqualTo(3);
        ring.clear();
        assertThat(ring.count()).isZero();
        assertThat(ring.newestAtOrBefore(100, 100)).isEqualTo(EventRing.NONE);
    }

    @Test
    void anUnknownTimeNeverLiesWithinToleranceOfARealTime() {
        EventRing ring = new EventRing(4);
        ring.add(Long.MIN_VALUE, 1f);
        ring.add(1_000, 2f);
        // target − MIN_VALUE overflows a signed long; compared unsigned it is 2^63 + 500, far beyond 100
        assertThat(ring.newestAtOrBefore(500, 100)).isEqualTo(EventRing.NONE);
        assertThat(ring.newestAtOrBefore(Long.MAX_VALUE, Long.MAX_VALUE)).isZero();
        EventHistory history = ring;
        assertThat(history.newestAtOrBefore(500, 100)).isEqualTo(EventHistory.NONE);
    }
}
