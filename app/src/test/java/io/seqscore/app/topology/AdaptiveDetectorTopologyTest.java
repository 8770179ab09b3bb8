package io.seqscore.app.topology;

import io.seqscore.app.state.KeyState;
import io.seqscore.app.state.KeyStateCodec;
import io.seqscore.app.testing.ScorerDriver;
import io.seqscore.app.testing.ScorerDrivers;
import io.seqscore.avro.Score;
import io.seqscore.model.core.anomaly.AdaptiveDetector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static io.seqscore.app.topology.RangeDetectorTest.DAY;
import static io.seqscore.app.topology.RangeDetectorTest.SPACING;
import static io.seqscore.app.topology.RangeDetectorTest.SPIKE;
import static io.seqscore.app.topology.RangeDetectorTest.SHIFT;
import static io.seqscore.app.topology.RangeDetectorTest.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * seqscore.anomaly.detector=adaptive through the topology on the range test's series (daily season, a spike, a
 * level shift): step 0 scores every event as "range"; the default step still flags the spike and the shift, and
 * the key's state part holds the range channels plus the alarm level and the last flag, unchanged by a round trip
 * through the state codec.
 */
class AdaptiveDetectorTopologyTest {
    @RegisterExtension
    final ScorerDrivers drivers = new ScorerDrivers();

    private double[] scores(ScorerDriver driver, double[] v, boolean[] flagged) {
        driver.publish(RangeDetectorTest.release(1, RangeDetectorTest.PARAMS));
        double[] scores = new double[v.length];
        for (int t = 0; t < v.length; t++) {
            driver.send("nab", T0 + SPACING * t, v[t]);
            Score s = driver.nextScore().value();
            scores[t] = s.getAnomalyScore() == null ? Double.NaN : s.getAnomalyScore();
            flagged[t] = s.getAnomaly();
        }
        return scores;
    }

    @Test
    void shouldScoreAsTheRangeDetectorAtStepZero() throws java.io.IOException {
        double[] v = RangeDetectorTest.series();
        boolean[] rangeFlags = new boolean[v.length];
        boolean[] adaptiveFlags = new boolean[v.length];
        double[] range = scores(drivers.start(RangeDetectorTest.RANGE), v, rangeFlags);
        drivers.closeAll();
        double[] adaptive = scores(drivers.start(Map.of("seqscore.anomaly.detector", "adaptive",
                "seqscore.anomaly.adaptive.step", "0")), v, adaptiveFlags);
        assertThat(adaptive).containsExactly(range);
        assertThat(adaptiveFlags).containsExactly(rangeFlags);
    }

    @Test
    void shouldFlagTheSpikeAndTheShiftAndKeepItsStateInTheKeysDetectorPart() {
        double[] v = RangeDetectorTest.series();
        boolean[] flagged = new boolean[v.length];
        ScorerDriver driver = drivers.start(Map.of("seqscore.anomaly.detector", "adaptive"));
        double[] scores = scores(driver, v, flagged);
        assertThat(flagged[SPIKE]).isTrue();
        assertThat(scores[SPIKE]).isGreaterThan(0.5);
        boolean shift = false;
        int last = -1;
        for (int t = 0; t < v.length; t++) {
            shift |= t >= SHIFT && t < SHIFT + 12 && flagged[t];
            last = flagged[t] ? t : last;
        }
        assertThat(shift).as("the level shift").isTrue();
        for (int t = DAY + DAY / 2; t < SPIKE; t++) {
            assertThat(flagged[t]).as("a seasonal repeat at t%d", t).isFalse();
        }

        byte[] stored = driver.stateStore().get("nab");
        KeyState state = KeyStateCodec.decode(stored);
        assertThat(state.detectorSize()).isEqualTo(11 + 4 + AdaptiveDetector.EXTRA);
        double q = state.detector()[11 + 4];
        assertThat(q).isGreaterThanOrEqualTo(0).isFinite();
        assertThat(state.detector()[11 + 4 + 1]).as("the last flag's event index").isEqualTo(last);
        assertThat(new KeyStateCodec().encode(state)).isEqualTo(stored);
        int flags = 0;
        for (boolean f : flagged) {
            flags += f ? 1 : 0;
        }
        assertThat(driver.anomalies().readValuesToList()).hasSize(flags);
        driver.assertNoMoreOutput();
    }
}
