package io.seqscore.app.topology;

import io.seqscore.app.state.KeyState;
import io.seqscore.app.state.KeyStateCodec;
import io.seqscore.app.testing.ScorerDriver;
import io.seqscore.app.testing.ScorerDrivers;
import io.seqscore.avro.Score;
import io.seqscore.model.core.anomaly.LikelihoodDetector;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static io.seqscore.app.topology.RangeDetectorTest.SHIFT;
import static io.seqscore.app.topology.RangeDetectorTest.SPACING;
import static io.seqscore.app.topology.RangeDetectorTest.SPIKE;
import static io.seqscore.app.topology.RangeDetectorTest.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * seqscore.anomaly.detector=likelihood through the topology on the range test's series (a daily season with noise,
 * a spike, then a level shift of +5 that stays): the shift is flagged soon after it starts, the stationary part
 * before the spike is flagged at most at twice the target rate, and the key's state part holds the range channels
 * and the likelihood's statistics, unchanged by a round trip through the state codec.
 */
class LikelihoodDetectorTopologyTest {
    private static final double TARGET = 0.01;

    @RegisterExtension
    final ScorerDrivers drivers = new ScorerDrivers();

    private ScorerDriver run(Map<String, String> settings, double[] v, double[] scores, boolean[] flagged) {
        ScorerDriver driver = drivers.start(settings);
        driver.publish(RangeDetectorTest.release(1, RangeDetectorTest.PARAMS));
        for (int t = 0; t < v.length; t++) {
            driver.send("nab", T0 + SPACING * t, v[t]);
            Score s = driver.nextScore().value();
            scores[t] = s.getAnomalyScore() == null ? Double.NaN : s.getAnomalyScore();
            flagged[t] = s.getAnomaly();
        }
        return driver;
    }

    /** raw=range alone, and raw=residual combined with range: both flag the shift. */
    @ParameterizedTest
    @ValueSource(strings = {"range:none", "residual:range"})
    void shouldFlagTheLevelShiftAndHoldTheTargetRateOnTheStationaryPart(String variant) {
        String raw = variant.split(":")[0];
        String combine = variant.split(":")[1];
        double[] v = RangeDetectorTest.series();
        double[] scores = new double[v.length];
        boolean[] flagged = new boolean[v.length];
        ScorerDriver driver = run(Map.of("seqscore.anomaly.detector", "likelihood",
                "seqscore.anomaly.likelihood.raw", raw, "seqscore.anomaly.likelihood.combine", combine,
                "seqscore.anomaly.target.rate", String.valueOf(TARGET)), v, scores, flagged);
        assertThat(scores[0]).as("no forecast yet").isNaN();
        int learned = 288 + LikelihoodDetector.ESTIMATION;
        if (combine.equals("none")) {
            for (int t = 1; t < learned; t++) {
                assertThat(scores[t]).as("learning at t%d", t).isZero();
            }
        }
        int stationary = 0;
        for (int t = learned; t < SPIKE; t++) {
            stationary += flagged[t] ? 1 : 0;
        }
        assertThat((double) stationary / (SPIKE - learned)).as("%s: flag rate before the spike", raw)
                .isLessThanOrEqualTo(2 * TARGET);
        int shiftFlagged = -1;
        for (int t = SHIFT; t < SHIFT + 20 && shiftFlagged < 0; t++) {
            shiftFlagged = flagged[t] ? t : -1;
        }
        assertThat(shiftFlagged).as("%s: the level shift flagged within 20 events", raw).isGreaterThanOrEqualTo(SHIFT);
        assertThat(scores[shiftFlagged]).isGreaterThan(0.5);

        byte[] stored = driver.stateStore().get("nab");
        KeyState state = KeyStateCodec.decode(stored);
        assertThat(state.detectorSize()).isEqualTo(11 + 4 + LikelihoodDetector.RING + 10);
        double[] s = state.detector();
        int at = 11 + 4;
        assertThat(s[at + LikelihoodDetector.TAKEN]).as("raw scores taken: every event with a forecast")
                .isEqualTo(v.length - 1);
        assertThat(s[at + LikelihoodDetector.MEAN]).isBetween(0.0, 1.0);
        assertThat(s[at + LikelihoodDetector.VARIANCE]).isPositive();
        assertThat(new KeyStateCodec().encode(state)).isEqualTo(stored);
        int flags = 0;
        for (boolean f : flagged) {
            flags += f ? 1 : 0;
        }
        assertThat(driver.anomalies().readValuesToList()).hasSize(flags);
        driver.assertNoMoreOutput();
    }

    /**
     * raw=residual alone: the forecaster's input is the series' changes, so a level shift is one large forecast error
     * and then none. Its short average (10 events) rises to the highest score since learning, but one event's raw
     * score of at most 1 moves the average by at most 0.1, short of "red" (tail 1e-5) under Numenta's floors: not
     * flagged. The likelihood flags what lasts; an isolated event needs combine=range (above).
     */
    @org.junit.jupiter.api.Test
    void shouldRankTheShiftHighestWithTheResidualAloneButNotFlagAnIsolatedForecastError() {
        double[] v = RangeDetectorTest.series();
        double[] scores = new double[v.length];
        boolean[] flagged = new boolean[v.length];
        run(Map.of("seqscore.anomaly.detector", "likelihood", "seqscore.anomaly.target.rate", String.valueOf(TARGET)),
                v, scores, flagged);
        int learned = 288 + LikelihoodDetector.ESTIMATION;
        double before = 0;
        for (int t = learned; t < SPIKE; t++) {
            before = Math.max(before, scores[t]);
        }
        double shift = 0;
        for (int t = SHIFT; t < SHIFT + 10; t++) {
            shift = Math.max(shift, scores[t]);
            assertThat(flagged[t]).isFalse();
        }
        assertThat(shift).isGreaterThan(before).isLessThan(0.5);
    }
}
