package io.seqscore.model.core.features;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link SeasonSelection} by hand on a season of P = 2 events (spacing 10, period 20; a week of 14 events).
 */
class SeasonSelectionTest {
    static final SeasonalChanges SEASON = new SeasonalChanges(20, 10, 5, 5f);

    @Test
    void shouldDefaultToAWeekOfMemoryAndKeepAWeekOfEvents() {
        SeasonSelection s = new SeasonSelection(SEASON, 0);
        assertThat(s.seasonEvents()).isEqualTo(2);
        assertThat(s.memory()).isEqualTo(14);
        assertThat(s.warmup()).isEqualTo(2);
        assertThat(s.historyEvents()).isEqualTo(15);
        assertThat(new SeasonSelection(SEASON, 5).memory()).isEqualTo(5);
        assertThatThrownBy(() -> new SeasonSelection(new SeasonalChanges(20, 0, 5, 5f), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * x_t = t²: |x_t − x_{t−2}| = 4t − 4, |x_t − x_{t−14}| = 28t − 196, |x_t − (x_{t−2} + x_{t−14})/2| = 16t − 100;
     * t = 14, 15: (52, 196, 124), (56, 224, 140), means (54, 210, 132); t = 16 with memory 2: α = 1/2, (60, 252, 156).
     */
    @Test
    void shouldAverageTheErrorsOverTheFirstNEventsThenWeighThemExponentially() {
        SeasonSelection s = new SeasonSelection(SEASON, 2);
        EventRing ring = new EventRing(s.historyEvents());
        double[] state = new double[SeasonSelection.STATE_SIZE];
        for (int t = 0; t < 14; t++) {
            ring.add(10L * t, (float) t * t);
            s.update(ring, state);
        }
        assertThat(state).as("nothing counted without a week behind").containsExactly(0, 0, 0, 0);
        assertThat(s.choice(state)).isEqualTo(SeasonSelection.NONE);
        ring.add(140, 196);
        s.update(ring, state);
        assertThat(state).containsExactly(1, 52, 196, 124);
        assertThat(s.choice(state)).as("one event counted: still warming up").isEqualTo(SeasonSelection.NONE);
        ring.add(150, 225);
        s.update(ring, state);
        assertThat(state).containsExactly(2, 54, 210, 132);
        assertThat(s.choice(state)).isEqualTo(SeasonSelection.DAY);
        ring.add(160, 256);
        s.update(ring, state);
        assertThat(state).containsExactly(3, 57, 231, 144);
    }

    @Test
    void shouldNotCountAnEventWhoseWeekAgoIsMissing() {
        SeasonSelection s = new SeasonSelection(SEASON, 0);
        EventRing ring = new EventRing(s.historyEvents());
        double[] state = new double[SeasonSelection.STATE_SIZE];
        for (int t = 0; t < 16; t++) {
            if (t != 1) {
                ring.add(10L * t, t);
                s.update(ring, state);
            }
        }
        assertThat(state[0]).as("t = 14 and 15 have a week behind them; t = 15's is the missing t = 1").isEqualTo(1);
    }

    @Test
    void shouldChooseTheSmallestErrorPreferringTheDayThenTheWeek() {
        SeasonSelection s = new SeasonSelection(SEASON, 0);
        assertThat(s.choice(new double[] {2, 1, 1, 1})).isEqualTo(SeasonSelection.DAY);
        assertThat(s.choice(new double[] {2, 2, 1, 1})).isEqualTo(SeasonSelection.WEEK);
        assertThat(s.choice(new double[] {2, 2, 1, 0.5})).isEqualTo(SeasonSelection.MEAN);
        assertThat(s.choice(new double[] {1, 2, 1, 0.5})).isEqualTo(SeasonSelection.NONE);
    }

    /** Events t = 0..14 at times 10t with value t; the forecast at t = 14: step s's week-ago value is s + 1. */
    @Test
    void shouldServeTheWeekAgoValuesAndShiftTheBoundsWithThePoint() {
        SeasonSelection s = new SeasonSelection(SEASON, 0);
        EventRing ring = new EventRing(s.historyEvents());
        for (int t = 0; t < 15; t++) {
            ring.add(10L * t, t);
        }
        float[] release = {100, 101, 102, 90, 91, 92, 110, 111, 112};
        float[] served = new float[9];
        assertThat(s.serve(ring, SeasonSelection.WEEK, release, 3, 3, served)).isZero();
        assertThat(served).containsExactly(1, 2, 3, -9, -8, -7, 11, 12, 13);
        assertThat(s.serve(ring, SeasonSelection.MEAN, release, 3, 1, served)).isZero();
        assertThat(served).startsWith(50.5f, 51.5f, 52.5f);
        assertThatThrownBy(() -> s.serve(ring, SeasonSelection.DAY, release, 3, 1, served))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldKeepTheReleasesStepWhenItsWeekAgoValueIsMissing() {
        SeasonSelection s = new SeasonSelection(SEASON, 0);
        EventRing ring = new EventRing(s.historyEvents());
        for (int t = 0; t < 15; t++) {
            if (t != 2) {
                ring.add(10L * t, t);
            }
        }
        float[] release = {100, 101, 102};
        float[] served = new float[3];
        assertThat(s.serve(ring, SeasonSelection.WEEK, release, 3, 1, served)).isEqualTo(1);
        assertThat(served).containsExactly(1, 101, 3);
    }

    /** Steps beyond a week look two weeks back from their own time: step 14 (time 290) is served time 10's value. */
    @Test
    void shouldLookTwoWeeksBackForStepsBeyondAWeek() {
        SeasonSelection s = new SeasonSelection(SEASON, 0);
        EventRing ring = new EventRing(s.historyEvents());
        for (int t = 0; t < 15; t++) {
            ring.add(10L * t, t);
        }
        float[] release = new float[16];
        float[] served = new float[16];
        assertThat(s.serve(ring, SeasonSelection.WEEK, release, 16, 1, served)).isZero();
        assertThat(served).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 1, 2);
    }
}
