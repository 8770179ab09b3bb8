package io.seqscore.model.core.features;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeasonalChangesTest {
    /** Period 100, spacing 10, tolerance 5, clip 5; values scaled by μ = 1, σ = 2. */
    private final SeasonalChanges features = new SeasonalChanges(100, 10, 5, 5f);

    @Test
    void firstEventHasNoStepAndNoSeason() {
        EventRing ring = new EventRing(32);
        ring.add(0, 3f);
        float[] x = new float[6];
        features.inputs(ring, 1f, 2f, x, 2);
        assertThat(x).containsExactly(0f, 0f, 0f, 0f, 0f, 0f);
    }

    @Test
    void hourlyStepsAndTheSeasonAgoStepIntoTheNextPhase() {
        EventRing ring = new EventRing(32);
        // events every 10; value v_i = i*i at time 10 i
        for (int i = 0; i <= 12; i++) {
            ring.add(10L * i, i * i);
        }
        float[] x = inputs(ring, 1f, 2f);
        // x0 = (144 − 121)/2 = 11.5 → clipped to 5
        // look-back time 120 + 10 − 100 = 30 → L = event 3 (v 9), L+1 = event 2 (v 4)
        // x1 = (9 − 4)/2 = 2.5; x2 = (144 − 4)/2 = 70 → 5; x3 = 1
        assertThat(x).containsExactly(5f, 2.5f, 5f, 1f);
    }

    @Test
    void noSeasonWhenTheLookBackFindsNothingWithinTolerance() {
        // look-back 115 + 10 − 100 = 25: the newest event at or before it is t = 0, 25 before (> 5)
        assertThat(inputs(ring(0, 1f, 100, 2f, 115, 2.5f), 0f, 1f)).containsExactly(0.5f, 0f, 0f, 0f);
    }

    @Test
    void noSeasonWithoutThePredecessorOfTheLaggedEvent() {
        // look-back 20 finds the oldest event, which has no predecessor
        assertThat(inputs(ring(20, 1f, 110, 3f), 0f, 1f)).containsExactly(2f, 0f, 0f, 0f);
    }

    @Test
    void seasonAgoLooksOnePeriodBackFromTheGivenTime() {
        EventRing ring = new EventRing(32);
        for (int i = 0; i < 10; i++) {
            ring.add(20L * i, i);
        }
        // time 200: target 100 → event at t = 100 is k = 4 (t 180, 160, 140, 120, 100)
        assertThat(features.seasonAgo(ring, 200)).isEqualTo(4);
        assertThat(features.seasonAgo(ring, 50)).isEqualTo(EventRing.NONE);
    }

    @Test
    void rejectsBadParameters() {
        assertThatThrownBy(() -> new SeasonalChanges(0, 1, 1, 5f)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SeasonalChanges(10, 1, 1, Float.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SeasonalChanges(10, -1, 1, 5f)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anchorIsTheSamePhaseInTheLatestSeasonSeen() {
        EventRing ring = new EventRing(32);
        for (int i = 0; i <= 12; i++) {
            ring.add(10L * i, i);
        }
        // time_0 = 120, k = 12 − i for the event at time 10 i
        // s = 0:  ahead 10,  m = 1, target 120 + 10 − 100 = 30  → event 3 → k 9
        // s = 4:  ahead 50,  m = 1, target 70                   → event 7 → k 5
        // s = 9:  ahead 100, m = 1, target 120                  → the current event, k 0
        // s = 10: ahead 110, m = 2, target 120 + 110 − 200 = 30 → k 9
        // s = 19: ahead 200, m = 2, target 120                  → k 0
        assertThat(features.anchor(ring, 0)).isEqualTo(9);
        assertThat(features.anchor(ring, 4)).isEqualTo(5);
        assertThat(features.anchor(ring, 9)).isEqualTo(0);
        assertThat(features.anchor(ring, 10)).isEqualTo(9);
        assertThat(features.anchor(ring, 19)).isEqualTo(0);
    }

    @Test
    void anchorWithinToleranceOrNone() {
        EventRing ring = ring(0, 0f, 27, 1f, 60, 2f, 120, 3f);
        // s = 0: target 30, newest at or before is time 27 (3 ≤ 5 before) → k 2
        // s = 3: target 60 → k 1;  s = 1: target 40, newest at or before is 27, 13 > 5 before → NONE
        assertThat(features.anchor(ring, 0)).isEqualTo(2);
        assertThat(features.anchor(ring, 3)).isEqualTo(1);
        assertThat(features.anchor(ring, 1)).isEqualTo(EventHistory.NONE);
    }

    @Test
    void anchorNeedsTheRingToReachOnePeriodBack() {
        EventRing covering = new EventRing(10);
        EventRing short1 = new EventRing(9);
        for (int i = 0; i <= 12; i++) {
            covering.add(10L * i, i);
            short1.add(10L * i, i);
        }
        // target 30 (s = 0) is event 3: the 10th newest, held by a ring of period / spacing = 10 events only
        assertThat(features.anchor(covering, 0)).isEqualTo(9);
        assertThat(features.anchor(short1, 0)).isEqualTo(EventHistory.NONE);
        assertThat(features.anchor(short1, 1)).isEqualTo(8);
    }

    @Test
    void anchorWithoutSpacingIsTheCurrentEvent() {
        SeasonalChanges noSpacing = new SeasonalChanges(100, 0, 5, 5f);
        EventRing ring = new EventRing(4);
        ring.add(10, 1f);
        ring.add(20, 2f);
        assertThat(noSpacing.anchor(ring, 0)).isEqualTo(0);
        assertThat(noSpacing.anchor(ring, 47)).isEqualTo(0);
        assertThatThrownBy(() -> noSpacing.anchor(new EventRing(4), 0)).isInstanceOf(IllegalStateException.class);
    }

    /** A ring of 32 holding the events given as time, value, time, value, ... */
    private static EventRing ring(float... timesAndValues) {
        EventRing ring = new EventRing(32);
        for (int i = 0; i < timesAndValues.length; i += 2) {
            ring.add((long) timesAndValues[i], timesAndValues[i + 1]);
        }
        return ring;
    }

    /** The four inputs after the ring's newest event, with mean and std as given. */
    private float[] inputs(EventRing ring, float mean, float std) {
        float[] x = new float[4];
        features.inputs(ring, mean, std, x, 0);
        return x;
    }
}
