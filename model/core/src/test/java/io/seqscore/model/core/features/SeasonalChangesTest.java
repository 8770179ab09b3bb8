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
        float[] x = new float[4];
        features.inputs(ring, 1f, 2f, x, 0);
        // x0 = (144 − 121)/2 = 11.5 → clipped to 5
        // look-back time 120 + 10 − 100 = 30 → L = event 3 (v 9), L+1 = event 2 (v 4)
        // x1 = (9 − 4)/2 = 2.5; x2 = (144 − 4)/2 = 70 → 5; x3 = 1
        assertThat(x).containsExactly(5f, 2.5f, 5f, 1f);
    }

    @Test
    void noSeasonWhenTheLookBackFindsNothingWithinTolerance() {
        EventRing ring = new EventRing(32);
        ring.add(0, 1f);
        ring.add(100, 2f);
        ring.add(115, 2.5f);
        float[] x = new float[4];
        features.inputs(ring, 0f, 1f, x, 0);
        // look-back 115 + 10 − 100 = 25: the newest event at or before it is t = 0, 25 before (> 5)
        assertThat(x).containsExactly(0.5f, 0f, 0f, 0f);
    }

    @Test
    void noSeasonWithoutThePredecessorOfTheLaggedEvent() {
        EventRing ring = new EventRing(32);
        ring.add(20, 1f);
        ring.add(110, 3f);
        float[] x = new float[4];
        features.inputs(ring, 0f, 1f, x, 0);
        // look-back 20 finds the oldest event, which has no predecessor
        assertThat(x).containsExactly(2f, 0f, 0f, 0f);
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
}
