package io.seqscore.app.topology;

import io.seqscore.app.testing.Releases;
import io.seqscore.app.testing.ScorerDriver;
import io.seqscore.app.testing.ScorerDrivers;
import io.seqscore.avro.Score;
import io.seqscore.avro.ScoreStatus;
import io.seqscore.model.core.CellType;
import io.seqscore.model.core.NetworkSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The range detector on events of two values under a VALUES release, where only the value channel can
 * score (levels warm up after 8 events, the residual after 128, no event lies a day back), so every score
 * is derived by hand: E is the largest exceedance over both values.
 */
class RangeDetectorPoliciesTest {
    static final NetworkSpec SPEC = NetworkSpec.uniform(CellType.LSTM, 2, 3, 1, 1, 2);
    static final float[] PARAMS = Releases.randomParams(SPEC, 9, 0.5f);

    @RegisterExtension
    final ScorerDrivers drivers = new ScorerDrivers();
    private ScorerDriver driver;

    private void start(Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(extra);
        settings.put("seqscore.anomaly.detector", "range");
        driver = drivers.start(settings);
        driver.publish(Releases.release("default", 1, SPEC, PARAMS,
                Releases.global(new float[] {0f, 0f}, new float[] {1f, 1f}), Releases.gaussian(SPEC, 1.0, 0.99, 0)));
    }

    private Score send(long time, double a, double b) {
        driver.send("k", time, a, b);
        return driver.nextScore().value();
    }

    private static double score(double e) {
        return e / (e + 0.05);
    }

    @Test
    void shouldScoreEachValueAgainstItsOwnRangeAndTakeTheLargestWithARefractoryPeriod() {
        start(Map.of());
        assertThat(send(1_000, 0, 0).getAnomalyScore()).isNull();
        assertThat(send(2_000, 10, 0).getAnomalyScore()).isZero();           // ranges [0, 0] are empty
        assertThat(send(3_000, 5, 5).getAnomalyScore()).isZero();            // value 0 inside [0, 10]
        Score alarm = send(4_000, 5, 10);                                     // value 1: (10 − 5)/(5 − 0) = 1
        assertThat(alarm.getAnomalyScore()).isCloseTo(score(1.0), within(1e-15));
        assertThat(alarm.getAnomaly()).isTrue();
        Score quiet = send(5_000, 30, 10);                                    // (30 − 10)/10 = 2, but refractory
        assertThat(quiet.getAnomalyScore()).isZero();
        assertThat(quiet.getAnomaly()).isFalse();
        for (int t = 6; t <= 16; t++) {                                       // t − 3 ≤ 12: still refractory
            assertThat(send(1_000L * t, 100 + t, 0).getAnomalyScore()).isZero();
        }
        Score after = send(17_000, 0, 20);                                    // value 1: (20 − 10)/10 = 1
        assertThat(after.getAnomalyScore()).isCloseTo(score(1.0), within(1e-15));
        assertThat(after.getAnomaly()).isTrue();
        assertThat(driver.anomalies().readValuesToList()).extracting(s -> s.getEventTime().toEpochMilli())
                .containsExactly(4_000L, 17_000L);
        driver.assertNoMoreOutput();
    }

    @Test
    void shouldFlagAtTheConfiguredThresholdOutsideTheRefractoryPeriod() {
        start(Map.of("seqscore.anomaly.threshold", "0.7", "seqscore.anomaly.range.refractory.events", "0"));
        send(1_000, 0, 0);
        send(2_000, 0, 10);
        Score below = send(3_000, 1, 12);                                     // 2/10 = 0.2: score 0.8
        assertThat(below.getAnomalyScore()).isCloseTo(score(0.2), within(1e-15));
        assertThat(below.getAnomaly()).isTrue();
        Score small = send(4_000, 0, 12.3);                                   // 0.3/12 = 0.025: score 1/3 < 0.7
        assertThat(small.getAnomalyScore()).isCloseTo(score(0.3 / 12), within(1e-12));
        assertThat(small.getAnomaly()).isFalse();
        assertThat(driver.anomalies().readValuesToList()).hasSize(1);
        driver.assertNoMoreOutput();
    }

    @Test
    void shouldScoreALateEventWithoutChangingTheRanges() {
        start(Map.of("seqscore.late.policy", "score", "seqscore.anomaly.range.refractory.events", "0"));
        send(1_000, 0, 0);
        send(2_000, 10, 10);
        driver.send("k", 1_500, 20, 0);                                       // late: (20 − 10)/10 = 1
        Score late = driver.nextScore().value();
        assertThat(late.getStatus()).isEqualTo(ScoreStatus.LATE_UNCHANGED);
        assertThat(late.getAnomalyScore()).isCloseTo(score(1.0), within(1e-15));
        assertThat(late.getAnomaly()).isTrue();
        assertThat(driver.anomalies().readValuesToList()).hasSize(1);
        Score next = send(3_000, 15, 5);                                      // still [0, 10]: 5/10
        assertThat(next.getAnomalyScore()).isCloseTo(score(0.5), within(1e-15));
        assertThat(driver.anomalies().readValuesToList()).hasSize(1);
        driver.assertNoMoreOutput();
    }

    @Test
    void shouldForgetTheRangesWhenAGapResetsTheKey() {
        start(Map.of("seqscore.gap.reset.ms", "10000", "seqscore.anomaly.range.refractory.events", "0"));
        send(1_000, 0, 0);
        send(2_000, 10, 0);
        Score reset = send(60_000, 100, 0);
        assertThat(reset.getStatus()).isEqualTo(ScoreStatus.RESET_GAP);
        assertThat(reset.getAnomalyScore()).isNull();
        assertThat(send(61_000, 50, 0).getAnomalyScore()).as("range [100, 100] is empty").isZero();
        assertThat(send(62_000, 110, 0).getAnomalyScore()).isCloseTo(score(10.0 / 50), within(1e-15));
        driver.anomalies().readRecordsToList();
        driver.assertNoMoreOutput();
    }

}
