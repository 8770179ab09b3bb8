package io.seqscore.app.topology;

import io.seqscore.app.model.RejectedRelease;
import io.seqscore.app.scoring.DeadLetters;
import io.seqscore.app.scoring.DlqReason;
import io.seqscore.app.testing.ReferenceForecaster;
import io.seqscore.app.testing.Releases;
import io.seqscore.app.testing.ScorerDriver;
import io.seqscore.app.testing.ScorerDrivers;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.Score;
import io.seqscore.avro.ScoreStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.seqscore.app.topology.ScoringValuesTest.MEAN;
import static io.seqscore.app.topology.ScoringValuesTest.PARAMS;
import static io.seqscore.app.topology.ScoringValuesTest.SPEC;
import static io.seqscore.app.topology.ScoringValuesTest.STD;
import static io.seqscore.app.topology.ScoringValuesTest.assertScored;
import static io.seqscore.app.topology.ScoringValuesTest.release;
import static org.assertj.core.api.Assertions.assertThat;

/** Keys without a model, models arriving, swapping, being rejected and retired, and the re-warm in between. */
class ModelLifecycleTest {
    static final float[] PARAMS_V2 = Releases.randomParams(SPEC, 43, 0.6f);
    /** The calibrated detector, whose scores these tests compare with the reference forecaster's. */
    static final Map<String, String> CALIBRATED = Map.of("seqscore.anomaly.detector", "calibrated");

    @RegisterExtension
    final ScorerDrivers drivers = new ScorerDrivers();
    private ScorerDriver driver;

    private static void assertNoModel(Score s, long time, double value) {
        assertThat(s.getStatus()).isEqualTo(ScoreStatus.NO_MODEL);
        assertThat(s.getEventTime().toEpochMilli()).isEqualTo(time);
        assertThat(s.getObserved()).containsExactly(value);
        assertThat(s.getModelName()).isNull();
        assertThat(s.getModelVersion()).isNull();
        assertThat(s.getExpected()).isNull();
        assertThat(s.getAnomalyScore()).isNull();
        assertThat(s.getAnomaly()).isFalse();
        assertThat(s.getForecast()).isEmpty();
        assertThat(s.getHorizon()).isZero();
        assertThat(s.getStepsSeen()).isZero();
    }

    @Test
    void shouldBufferInputsWithoutAModelAndReplayThemWhenOneArrives() {
        driver = drivers.start(CALIBRATED);
        double[] buffered = {10.0, 12.0, 9.0};
        for (int t = 0; t < buffered.length; t++) {
            driver.send("k", t, buffered[t]);
            assertNoModel(driver.nextScore().value(), t, buffered[t]);
        }
        driver.publish(release(1, PARAMS));
        ReferenceForecaster ref = new ReferenceForecaster(SPEC, PARAMS, MEAN, STD);
        ref.step(10.0);
        ref.step(12.0);
        float[] replayed = ref.step(9.0);
        driver.send("k", 3, 11.0);
        float[] previous = assertScored(driver.nextScore().value(), ref, replayed, 3, 11.0, 1, 4, ScoreStatus.REWARMED);
        driver.send("k", 4, 10.0);
        assertScored(driver.nextScore().value(), ref, previous, 4, 10.0, 1, 5, ScoreStatus.OK);
        assertThat(driver.counters().scoredCount(ScoreStatus.NO_MODEL)).isEqualTo(3);
        assertThat(driver.counters().scoredCount(ScoreStatus.REWARMED)).isEqualTo(1);
        driver.assertNoMoreOutput();
    }

    @Test
    void shouldReplayOnlyTheMostRecentInputsTheBufferHolds() {
        driver = drivers.start(Map.of("seqscore.anomaly.detector", "calibrated", "seqscore.rewarm.buffer.length", "2"));
        for (int t = 0; t < 4; t++) {
            driver.send("k", t, 10.0 + t);
        }
        assertThat(driver.scores()).hasSize(4);
        driver.publish(release(1, PARAMS));
        sendAndAssertRewarmed(4, 11.0, 3, 12.0, 13.0);
        driver.assertNoMoreOutput();
    }

    @Test
    void shouldSwapToANewReleaseMidStreamAndNameTheVersionInEveryScore() {
        driver = drivers.start(CALIBRATED);
        driver.publish(release(1, PARAMS));
        double[] values = {10.0, 11.0, 9.5, 10.5, 12.0, 9.0};
        ReferenceForecaster v1 = new ReferenceForecaster(SPEC, PARAMS, MEAN, STD);
        float[] previous = null;
        for (int t = 0; t < 3; t++) {
            driver.send("k", t, values[t]);
            previous = assertScored(driver.nextScore().value(), v1, previous, t, values[t], 1, t + 1,
                    ScoreStatus.WARMING_UP);
        }
        driver.publish(release(2, PARAMS_V2));
        assertThat(driver.registry().serving("default").version()).isEqualTo(2);

        ReferenceForecaster v2 = new ReferenceForecaster(SPEC, PARAMS_V2, MEAN, STD);
        v2.step(values[0]);
        v2.step(values[1]);
        previous = v2.step(values[2]);
        driver.send("k", 3, values[3]);
        previous = assertScored(driver.nextScore().value(), v2, previous, 3, values[3], 2, 4, ScoreStatus.REWARMED);
        for (int t = 4; t < values.length; t++) {
            driver.send("k", t, values[t]);
            previous = assertScored(driver.nextScore().value(), v2, previous, t, values[t], 2, t + 1, ScoreStatus.OK);
        }
        assertThat(driver.registry().swapCount()).isEqualTo(2);
        driver.assertNoMoreOutput();
    }

    @Test
    void shouldKeepServingWhenAReleaseIsInvalidOrOlder() {
        driver = drivers.start(CALIBRATED);
        driver.publish(release(2, PARAMS));
        ModelRelease broken = release(3, PARAMS_V2);
        ByteBuffer nan = ByteBuffer.allocate(broken.getWeights().get(0).getData().remaining())
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        nan.putFloat(0, Float.NaN);
        broken.getWeights().get(0).setData(nan);
        driver.publish(broken);
        driver.publish(release(1, PARAMS_V2));

        assertThat(driver.registry().serving("default").version()).isEqualTo(2);
        assertThat(driver.registry().rejections()).extracting(RejectedRelease::version, RejectedRelease::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(3L, "weight layer0.W[0][0] is not finite: NaN"),
                        org.assertj.core.groups.Tuple.tuple(1L, "version 1 is older than the latest release, version 2"));

        driver.send("k", 0, 10.0);
        ReferenceForecaster ref = new ReferenceForecaster(SPEC, PARAMS, MEAN, STD);
        assertScored(driver.nextScore().value(), ref, null, 0, 10.0, 2, 1, ScoreStatus.WARMING_UP);
        driver.assertNoMoreOutput();
    }

    @Test
    void shouldRecordUnreadableReleasesAsRejected() {
        driver = drivers.start(CALIBRATED);
        driver.publishRaw("default", "not a release".getBytes(StandardCharsets.UTF_8));
        assertThat(driver.registry().serving("default")).isNull();
        assertThat(driver.registry().rejections()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("default");
            assertThat(r.version()).isEqualTo(-1);
            assertThat(r.reason()).startsWith("unreadable release: ");
        });
        driver.assertNoMoreOutput();
    }

    @Test
    void shouldStopScoringWhenTheModelIsRetiredByATombstone() {
        driver = drivers.start(CALIBRATED);
        driver.publish(release(1, PARAMS));
        driver.send("k", 0, 10.0);
        assertThat(driver.nextScore().value().getModelVersion()).isEqualTo(1L);
        driver.retire("default");
        assertThat(driver.registry().serving("default")).isNull();
        driver.send("k", 1, 11.0);
        assertNoModel(driver.nextScore().value(), 1, 11.0);

        driver.publish(release(1, PARAMS));
        sendAndAssertRewarmed(2, 9.0, 3, 10.0, 11.0);
        driver.assertNoMoreOutput();
    }

    @Test
    void shouldRejectAKeysEventOfAnotherDimensionWhileItWaitsForAModel() {
        driver = drivers.start(CALIBRATED);
        driver.send("k", 0, 1.0, 2.0);
        driver.send("k", 1, 1.0);
        List<Score> scores = driver.scores();
        assertThat(scores).hasSize(1);
        assertThat(driver.dlq().readRecord().headers().lastHeader(DeadLetters.REASON).value())
                .isEqualTo(DlqReason.WRONG_DIMENSION.name().getBytes(StandardCharsets.UTF_8));
        driver.assertNoMoreOutput();
    }

    /**
     * Sends key k's event (time, value) and checks its score is REWARMED by version 1: the forecast of a reference
     * forecaster that replayed the buffered inputs, the key's state then holding {@code steps} events.
     */
    private void sendAndAssertRewarmed(long time, double value, long steps, double... replayedInputs) {
        ReferenceForecaster ref = new ReferenceForecaster(SPEC, PARAMS, MEAN, STD);
        float[] replayed = null;
        for (double input : replayedInputs) {
            replayed = ref.step(input);
        }
        driver.send("k", time, value);
        assertScored(driver.nextScore().value(), ref, replayed, time, value, 1, steps, ScoreStatus.REWARMED);
    }
}
