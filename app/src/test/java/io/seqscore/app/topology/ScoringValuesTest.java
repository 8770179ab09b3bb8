package io.seqscore.app.topology;

import io.seqscore.model.core.anomaly.AnomalyScorer;
import io.seqscore.app.state.KeyState;
import io.seqscore.app.state.KeyStateCodec;
import io.seqscore.app.state.KeyStateSummary;
import io.seqscore.app.testing.Releases;
import io.seqscore.app.testing.ReferenceForecaster;
import io.seqscore.app.testing.ScorerDriver;
import io.seqscore.app.testing.ScorerDrivers;
import io.seqscore.avro.KeyNormalizer;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.Normalizer;
import io.seqscore.avro.NormalizerMode;
import io.seqscore.avro.Score;
import io.seqscore.avro.ScoreStatus;
import io.seqscore.model.core.CellType;
import io.seqscore.model.core.NetworkSpec;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Scores, forecasts, warm-up, flags and key isolation, with expected values computed by model/core directly. */
class ScoringValuesTest {
    static final NetworkSpec SPEC = NetworkSpec.uniform(CellType.LSTM, 1, 4, 1);
    static final float[] PARAMS = Releases.randomParams(SPEC, 42, 0.6f);
    static final float[] MEAN = {10f};
    static final float[] STD = {2f};
    static final double SCALE = 0.5;
    static final int WARMUP = 3;
    static final double[] SERIES = {10.0, 11.5, 9.25, 10.75, 12.0, 8.5, 10.0, 11.0};

    @RegisterExtension
    final ScorerDrivers drivers = new ScorerDrivers();
    private ScorerDriver driver;

    static ModelRelease release(long version, float[] params) {
        return Releases.release("default", version, SPEC, params, Releases.global(MEAN, STD),
                Releases.gaussian(SPEC, SCALE, 0.999, WARMUP));
    }

    /** A driver with the calibrated detector (whose values these tests check) and these settings. */
    private ScorerDriver start(Map<String, String> settings) {
        Map<String, String> all = new java.util.HashMap<>(settings);
        all.put("seqscore.anomaly.detector", "calibrated");
        driver = drivers.start(all);
        return driver;
    }

    /** Checks a score of a warm-or-warming key against the reference, which it advances by this event. */
    static float[] assertScored(Score s, ReferenceForecaster ref, float[] previous, long time, double value,
                                long version, long steps, ScoreStatus status) {
        float[] forecast = ref.step(value);
        assertThat(s.getEventTime().toEpochMilli()).isEqualTo(time);
        assertThat(s.getObserved()).containsExactly(value);
        assertThat(s.getStatus()).isEqualTo(status);
        assertThat(s.getModelName()).isEqualTo("default");
        assertThat(s.getModelVersion()).isEqualTo(version);
        assertThat(s.getStepsSeen()).isEqualTo(steps);
        assertThat(s.getHorizon()).isEqualTo(1);
        assertThat(s.getForecast()).containsExactly((double) forecast[0]);
        assertThat(s.getForecastLower()).containsExactly(forecast[0] + (-1.96 * SCALE) * (double) STD[0]);
        assertThat(s.getForecastUpper()).containsExactly(forecast[0] + (1.96 * SCALE) * (double) STD[0]);
        if (previous == null) {
            assertThat(s.getExpected()).isNull();
            assertThat(s.getResidual()).isNull();
            assertThat(s.getAnomalyScore()).isNull();
            assertThat(s.getAnomaly()).isFalse();
        } else {
            double expected = previous[0];
            double residual = value - expected;
            double z = residual / STD[0] / SCALE;
            assertThat(s.getExpected()).containsExactly(expected);
            assertThat(s.getResidual()).containsExactly(residual);
            assertThat(s.getAnomalyScore()).isCloseTo(AnomalyScorer.erf(Math.abs(z) / Math.sqrt(2)), within(1e-12));
        }
        return forecast;
    }

    @Test
    void shouldScoreEveryEventWithTheForecastOfTheKeysPreviousEvent() {
        start(Map.of());
        driver.publish(release(1, PARAMS));
        ReferenceForecaster ref = new ReferenceForecaster(SPEC, PARAMS, MEAN, STD);
        float[] previous = null;
        Score last = null;
        for (int t = 0; t < SERIES.length; t++) {
            driver.send("sensor-1", 1000L * t, SERIES[t]);
            TestRecord<String, Score> out = driver.nextScore();
            assertThat(out.key()).isEqualTo("sensor-1");
            ScoreStatus status = t < WARMUP ? ScoreStatus.WARMING_UP : ScoreStatus.OK;
            previous = assertScored(out.value(), ref, previous, 1000L * t, SERIES[t], 1, t + 1, status);
            assertThat(out.value().getAnomaly()).isFalse();
            last = out.value();
        }
        KeyStateSummary summary = KeyStateSummary.of(driver.stateStore().get("sensor-1"));
        assertThat(summary.modelName()).isEqualTo("default");
        assertThat(summary.modelVersion()).isEqualTo(1L);
        assertThat(summary.stepsSeen()).isEqualTo(SERIES.length);
        assertThat(summary.lastEventTime()).isEqualTo(1000L * (SERIES.length - 1));
        assertThat(summary.lastUpdatedAt()).isEqualTo(ScorerDriver.WALL_START.toEpochMilli());
        assertThat(summary.lastAnomalyScore()).isEqualTo(last.getAnomalyScore());
        assertThat(summary.lastFlagged()).isFalse();
        assertThat(summary.forecast()).containsExactly(last.getForecast().get(0));
        assertThat(summary.horizon()).isEqualTo(1);
        assertThat(summary.residualCount()).isEqualTo(SERIES.length - 1);
        assertThat(summary.bufferedInputs()).isEqualTo(SERIES.length);
        assertThat(summary.bufferCapacity()).isEqualTo(32);
        assertThat(driver.counters().scoredCount(ScoreStatus.WARMING_UP)).isEqualTo(WARMUP);
        assertThat(driver.counters().scoredCount(ScoreStatus.OK)).isEqualTo(SERIES.length - WARMUP);
        assertThat(driver.counters().stepCount()).isEqualTo(SERIES.length);
        driver.assertNoMoreOutput();
    }

    @Test
    void shouldFlagOnlyAfterWarmUpAndCopyFlaggedScoresToTheAnomaliesTopic() {
        start(Map.of());
        driver.publish(release(1, PARAMS));
        double[] values = {10.0, 60.0, 10.0, 10.0, -40.0, 10.0};
        for (int t = 0; t < values.length; t++) {
            driver.send("k", t, values[t]);
        }
        List<Score> scores = driver.scores();
        assertThat(scores).extracting(Score::getStatus).containsExactly(ScoreStatus.WARMING_UP, ScoreStatus.WARMING_UP,
                ScoreStatus.WARMING_UP, ScoreStatus.OK, ScoreStatus.OK, ScoreStatus.OK);
        Score spikeInWarmUp = scores.get(1);
        assertThat(spikeInWarmUp.getAnomalyScore()).isGreaterThan(0.999);
        assertThat(spikeInWarmUp.getAnomaly()).isFalse();
        Score spike = scores.get(4);
        assertThat(spike.getAnomalyScore()).isGreaterThanOrEqualTo(0.999);
        assertThat(spike.getAnomaly()).isTrue();
        List<Score> flagged = new ArrayList<>();
        for (Score s : scores) {
            boolean rule = s.getStepsSeen() - 1 >= WARMUP && s.getAnomalyScore() != null && s.getAnomalyScore() >= 0.999;
            assertThat(s.getAnomaly()).as("flag of %s", s).isEqualTo(rule);
            if (rule) {
                flagged.add(s);
            }
        }
        assertThat(driver.anomalies().readValuesToList()).containsExactlyElementsOf(flagged);
        assertThat(driver.counters().flaggedCount()).isEqualTo(flagged.size());
        assertThat(driver.counters().scoredTotal()).isEqualTo(values.length);
        driver.assertNoMoreOutput();
    }

    @Test
    void shouldApplyThresholdAndWarmUpOverrides() {
        start(Map.of("seqscore.anomaly.threshold", "0.0", "seqscore.warmup.steps", "1"));
        driver.publish(release(1, PARAMS));
        driver.send("k", 0, 10.0);
        driver.send("k", 1, 10.5);
        List<Score> scores = driver.scores();
        assertThat(scores).extracting(Score::getStatus).containsExactly(ScoreStatus.WARMING_UP, ScoreStatus.OK);
        assertThat(scores.get(0).getAnomaly()).isFalse();
        assertThat(scores.get(1).getAnomaly()).isTrue();
        assertThat(driver.anomalies().readValue()).isEqualTo(scores.get(1));
        driver.assertNoMoreOutput();
    }

    /**
     * The scorer works on a key's ring in its stored bytes (the lean frame): what it stores after each event, while
     * the ring of 32 fills and then wraps, is what the full codec writes for that state, and holds the key's latest
     * events.
     */
    @Test
    void shouldStoreTheFullCodecsBytesWithTheLatestEventsInTheRing() {
        start(Map.of());
        driver.publish(release(1, PARAMS));
        ReferenceForecaster ref = new ReferenceForecaster(SPEC, PARAMS, MEAN, STD);
        KeyStateCodec codec = new KeyStateCodec();
        float[] previous = null;
        float[] x = new float[1];
        for (int t = 0; t < 80; t++) {
            double value = SERIES[t % SERIES.length] + 0.01 * t;
            driver.send("k", 1000L * t, value);
            previous = assertScored(driver.nextScore().value(), ref, previous, 1000L * t, value, 1, t + 1,
                    t < WARMUP ? ScoreStatus.WARMING_UP : ScoreStatus.OK);
            byte[] stored = driver.stateStore().get("k");
            KeyState state = KeyStateCodec.decode(stored);
            assertThat(codec.encode(state)).as("stored bytes after event %d", t).isEqualTo(stored);
            int count = Math.min(t + 1, 32);
            assertThat(state.ringCount()).isEqualTo(count);
            for (int i = 0; i < count; i++) {
                int event = t + 1 - count + i;
                state.copyRingInput(i, x, 0);
                assertThat(state.ringTime(i)).isEqualTo(1000L * event);
                assertThat(x[0]).isEqualTo((float) (SERIES[event % SERIES.length] + 0.01 * event));
            }
        }
        driver.assertNoMoreOutput();
    }

    @Test
    void shouldNeverLetOneKeysStateTouchAnothers() {
        start(Map.of());
        driver.publish(release(1, PARAMS));
        ReferenceForecaster refA = new ReferenceForecaster(SPEC, PARAMS, MEAN, STD);
        ReferenceForecaster refB = new ReferenceForecaster(SPEC, PARAMS, MEAN, STD);
        float[] prevA = null;
        float[] prevB = null;
        for (int t = 0; t < SERIES.length; t++) {
            double b = 20 - SERIES[t];
            driver.send("a", t, SERIES[t]);
            driver.send("b", 2L * t, b);
            driver.send("b", 2L * t + 1, b + 0.5);
            TestRecord<String, Score> sa = driver.nextScore();
            TestRecord<String, Score> sb1 = driver.nextScore();
            TestRecord<String, Score> sb2 = driver.nextScore();
            assertThat(List.of(sa.key(), sb1.key(), sb2.key())).containsExactly("a", "b", "b");
            prevA = assertScored(sa.value(), refA, prevA, t, SERIES[t], 1, t + 1,
                    t < WARMUP ? ScoreStatus.WARMING_UP : ScoreStatus.OK);
            prevB = assertScored(sb1.value(), refB, prevB, 2L * t, b, 1, 2L * t + 1,
                    2 * t < WARMUP ? ScoreStatus.WARMING_UP : ScoreStatus.OK);
            prevB = assertScored(sb2.value(), refB, prevB, 2L * t + 1, b + 0.5, 1, 2L * t + 2,
                    2 * t + 1 < WARMUP ? ScoreStatus.WARMING_UP : ScoreStatus.OK);
        }
        driver.assertNoMoreOutput();
    }

    @Test
    void shouldForecastEveryHorizonStepWithItsInterval() {
        NetworkSpec spec = NetworkSpec.uniform(CellType.GRU_RESET_AFTER, 2, 3, 2, 3, 2);
        float[] params = Releases.randomParams(spec, 9, 0.5f);
        float[] mean = {1f, -2f};
        float[] std = {0.5f, 4f};
        ModelRelease release = Releases.release("default", 4, spec, params, Releases.global(mean, std),
                Releases.gaussian(spec, 1.0, 0.99, 0));
        release.getCalibration().setIntervalLower(new ArrayList<>(List.of(-1.0, -2.0, -3.0, -4.0, -5.0, -6.0)));
        start(Map.of());
        driver.publish(release);
        ReferenceForecaster ref = new ReferenceForecaster(spec, params, mean, std);
        driver.send("k", 5, 1.5, -3.0);
        driver.send("k", 6, 0.5, 2.0);
        ref.step(1.5, -3.0);
        float[] forecast = ref.step(0.5, 2.0);
        driver.nextScore();
        Score s = driver.nextScore().value();
        assertThat(s.getHorizon()).isEqualTo(3);
        assertThat(s.getStatus()).isEqualTo(ScoreStatus.OK);
        for (int i = 0; i < 6; i++) {
            double sigma = std[i % 2];
            assertThat(s.getForecast().get(i)).isEqualTo((double) forecast[i]);
            assertThat(s.getForecastLower().get(i)).isEqualTo(forecast[i] - (i + 1) * sigma);
            assertThat(s.getForecastUpper().get(i)).isEqualTo(forecast[i] + 1.96 * sigma);
        }
        assertThat(s.getExpected()).hasSize(2);
        assertThat(s.getResidual()).hasSize(2);
        driver.assertNoMoreOutput();
    }

    /**
     * A network whose weights are all zero forecasts head.b (0 here) in normalized units, i.e. the mean
     * of the scaling in value units: that makes the per-key normalizer visible and the residual statistics
     * hand-checkable.
     */
    private static ModelRelease zeroNetwork(Normalizer normalizer) {
        NetworkSpec spec = NetworkSpec.uniform(CellType.RNN_TANH, 1, 2, 1);
        return Releases.release("default", 1, spec, new float[spec.paramCount()], normalizer,
                Releases.gaussian(spec, 1.0, 0.999, 0));
    }

    @Test
    void shouldStandardizeByTheKeysRunningStatisticsOnceItHasEnoughResiduals() {
        start(Map.of("seqscore.anomaly.normalization", "key", "seqscore.anomaly.key.alpha", "0.5",
                "seqscore.anomaly.key.min.count", "2"));
        driver.publish(zeroNetwork(Releases.none()));
        for (int t = 0; t < 4; t++) {
            driver.send("k", t, t == 0 ? 1.0 : 2.0);
        }
        List<Score> scores = driver.scores();
        assertThat(scores.get(0).getAnomalyScore()).isNull();
        // r = 2 at every later event; z = r. count 0, 1: calibration only (s = 2); then μ = 1.5, v = 1.0.
        assertThat(scores.get(1).getAnomalyScore()).isCloseTo(0.9544997361036416, within(1e-15));
        assertThat(scores.get(2).getAnomalyScore()).isCloseTo(0.9544997361036416, within(1e-15));
        assertThat(scores.get(3).getAnomalyScore()).isCloseTo(0.3829249225480262, within(1e-15));
        driver.assertNoMoreOutput();
    }

    @Test
    void shouldTakeTheSmallerStatisticWithBothNormalizations() {
        start(Map.of("seqscore.anomaly.normalization", "both", "seqscore.anomaly.key.alpha", "0.5",
                "seqscore.anomaly.key.min.count", "2"));
        driver.publish(zeroNetwork(Releases.none()));
        for (int t = 0; t < 5; t++) {
            driver.send("k", t, new double[] {1.0, 2.0, 2.0, 2.0, 0.0}[t]);
        }
        List<Score> scores = driver.scores();
        assertThat(scores.get(3).getAnomalyScore()).isCloseTo(0.3829249225480262, within(1e-15));
        // event 4: r = 0; the key's μ = 1.75, v = 0.5·(1.0 + 0.5·0.25) = 0.5625: |0 − 1.75|/0.75 = 2.333 > |0| → 0.
        assertThat(scores.get(4).getAnomalyScore()).isEqualTo(0.0);
        driver.assertNoMoreOutput();
    }

    @Test
    void shouldScaleUnknownKeysGloballyUntilTheirOwnNormalizerIsFitted() {
        Normalizer perKey = Normalizer.newBuilder().setMode(NormalizerMode.PER_KEY)
                .setMean(new ArrayList<>(List.of(100f))).setStd(new ArrayList<>(List.of(10f)))
                .setPerKey(new ArrayList<>(List.of(KeyNormalizer.newBuilder().setKey("known")
                        .setMean(new ArrayList<>(List.of(50f))).setStd(new ArrayList<>(List.of(5f))).build())))
                .build();
        start(Map.of("seqscore.normalizer.online.warmup", "2"));
        driver.publish(zeroNetwork(perKey));
        driver.send("new", 0, 1.0);
        driver.send("new", 1, 3.0);
        driver.send("new", 2, 5.0);
        driver.send("known", 0, 7.0);
        List<Score> scores = driver.scores();
        assertThat(scores.get(0).getForecast()).containsExactly(100.0);
        assertThat(scores.get(1).getForecast()).containsExactly(100.0);
        assertThat(scores.get(1).getForecastUpper()).containsExactly(100.0 + 1.96 * 10.0);
        // after two events the key's own μ = 2, σ = sqrt(M2/2) = 1
        assertThat(scores.get(2).getForecast()).containsExactly(2.0);
        assertThat(scores.get(2).getForecastUpper()).containsExactly(2.0 + 1.96);
        assertThat(scores.get(2).getResidual()).containsExactly(5.0 - 100.0);
        assertThat(scores.get(3).getForecast()).containsExactly(50.0);
        assertThat(driver.anomalies().readValuesToList()).containsExactly(scores.get(1), scores.get(2));
        driver.assertNoMoreOutput();
    }
}
