package io.seqscore.app.topology;

import io.seqscore.app.scoring.DlqReason;
import io.seqscore.app.state.KeyState;
import io.seqscore.app.state.KeyStateCodec;
import io.seqscore.app.state.KeyStateSummary;
import io.seqscore.app.testing.NabReferenceScorer;
import io.seqscore.app.testing.Releases;
import io.seqscore.app.testing.Rollouts;
import io.seqscore.app.testing.ScorerDriver;
import io.seqscore.app.testing.ScorerDrivers;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.Score;
import io.seqscore.avro.ScoreStatus;
import io.seqscore.model.core.CellType;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.model.core.features.SeasonalChanges;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A SEASONAL_CHANGES release served with seqscore.anomaly.detector=range through the topology: every score
 * and forecast equals the NAB study's reference scorer ({@link NabReferenceScorer}) on a daily-seasonal series
 * with a spike and a level shift, which score above 0.5 while the seasonal repeats do not.
 */
class RangeDetectorTest {
    static final NetworkSpec SPEC = NetworkSpec.uniform(CellType.LSTM, SeasonalChanges.INPUTS, 16, 1, 4, 1);
    static final float[] PARAMS = Releases.randomParams(SPEC, 42, 0.3f);
    static final float MEAN = 10f;
    static final float STD = 2.125f;
    static final long T0 = 1_700_000_100_000L;
    static final long SPACING = 300_000L;
    static final int DAY = 288;
    static final int DAYS = 6;
    static final int SPIKE = 3 * DAY + 100;
    static final int SHIFT = 4 * DAY + 200;
    /** The study's detector: range, every alarm flagged (no alarm level). */
    static final Map<String, String> RANGE = Map.of("seqscore.anomaly.detector", "range",
            "seqscore.anomaly.adaptive.step", "0");

    @RegisterExtension
    final ScorerDrivers drivers = new ScorerDrivers();
    private ScorerDriver driver;

    static ModelRelease release(long version, float[] params) {
        return Releases.seasonalRelease("default", version, SPEC, params, MEAN, STD,
                Releases.gaussian(SPEC, 1.0, 0.999, 0), Releases.seasonalChanges(86_400_000L, SPACING, 1_800_000L, 320, 5f));
    }

    static NabReferenceScorer reference() {
        return new NabReferenceScorer(SPEC, PARAMS, MEAN, STD, new SeasonalChanges(86_400_000L, SPACING, 1_800_000L, 5f),
                320);
    }

    /** 10 + 3 sin(2π t / day) + noise, a spike of +9 at SPIKE, +5 from SHIFT on; float-exact values. */
    static double[] series() {
        SplittableRandom random = new SplittableRandom(7);
        double[] v = new double[DAYS * DAY];
        for (int t = 0; t < v.length; t++) {
            double x = 10 + 3 * Math.sin(2 * Math.PI * t / DAY) + 0.05 * random.nextGaussian();
            if (t == SPIKE) {
                x += 9;
            }
            if (t >= SHIFT) {
                x += 5;
            }
            v[t] = (float) x;
        }
        return v;
    }

    @Test
    void shouldScoreEveryEventExactlyAsTheStudysReferenceScorer() {
        driver = drivers.start(RANGE);
        driver.publish(release(1, PARAMS));
        NabReferenceScorer ref = reference();
        double[] v = series();
        double[] scores = new double[v.length];
        for (int t = 0; t < v.length; t++) {
            long time = T0 + SPACING * t;
            driver.send("nab", time, v[t]);
            Score s = driver.nextScore().value();
            double expected = ref.score(time, v[t]);
            scores[t] = expected;
            if (t == 0) {
                assertThat(s.getAnomalyScore()).as("no forecast yet: no score (the study's 0)").isNull();
                assertThat(expected).isZero();
            } else {
                assertThat(s.getAnomalyScore()).as("score at t%d", t).isCloseTo(expected, within(1e-6));
                assertThat(s.getAnomaly()).as("flag at t%d", t).isEqualTo(ref.alarm());
            }
            for (int h = 0; h < 4; h++) {
                assertThat(s.getForecast().get(h)).as("forecast %d at t%d", h, t).isEqualTo((double) ref.forecast(h));
            }
        }
        assertThat(scores[SPIKE]).isGreaterThan(0.5);
        assertThat(max(scores, SHIFT, SHIFT + 12)).isGreaterThan(0.5);
        assertThat(max(scores, DAY + DAY / 2, SPIKE)).as("the seasonal repeats").isLessThan(0.5);
        assertThat(max(scores, SPIKE + 13, SPIKE + DAY)).as("after the spike's refractory period").isLessThan(0.5);
        assertThat(scores[SPIKE + DAY]).as("the spike's echo one season later, in the seasonal channel")
                .isGreaterThan(0.5);
        assertThat(max(scores, SPIKE + DAY + 13, SHIFT)).isLessThan(0.5);
        assertThat(driver.anomalies().readValuesToList()).extracting(a -> a.getEventTime().toEpochMilli())
                .contains(T0 + SPACING * SPIKE, T0 + SPACING * (SPIKE + DAY))
                .noneMatch(time -> time > T0 + SPACING * (DAY + DAY / 2) && time < T0 + SPACING * SPIKE);

        KeyStateSummary summary = KeyStateSummary.of(driver.stateStore().get("nab"));
        assertThat(summary.bufferCapacity()).isEqualTo(321);
        assertThat(summary.bufferedInputs()).isEqualTo(321);
        KeyState state = KeyStateCodec.decode(driver.stateStore().get("nab"));
        assertThat(state.detectorSize()).isEqualTo(11 + 4 + io.seqscore.model.core.anomaly.RangeDetector.EXTRA);
        assertThat(state.detectorCounters()[0]).isEqualTo(v.length);
        assertThat(state.ringTime(320)).isEqualTo(T0 + SPACING * (v.length - 1));
        driver.assertNoMoreOutput();
    }

    @Test
    void shouldScoreAsTheStudyWithTheAlarmLevelOnAndFlagOnlyItsAlarmsThatBeatIt() {
        driver = drivers.start(Map.of("seqscore.anomaly.detector", "range"));
        driver.publish(release(1, PARAMS));
        NabReferenceScorer ref = reference();
        double[] v = series();
        int alarms = 0;
        int flags = 0;
        for (int t = 0; t < v.length; t++) {
            long time = T0 + SPACING * t;
            driver.send("nab", time, v[t]);
            Score s = driver.nextScore().value();
            double expected = ref.score(time, v[t]);
            if (t > 0) {
                assertThat(s.getAnomalyScore()).as("score at t%d", t).isCloseTo(expected, within(1e-6));
                if (t == SPIKE) {
                    assertThat(s.getAnomaly()).as("the spike is flagged").isTrue();
                }
                if (s.getAnomaly()) {
                    assertThat(ref.alarm()).as("a flag at t%d is an alarm", t).isTrue();
                    flags++;
                }
                alarms += ref.alarm() ? 1 : 0;
            }
        }
        assertThat(flags).as("flags of %d alarms", alarms).isPositive().isLessThanOrEqualTo(alarms);
        assertThat((double) flags / v.length).isLessThanOrEqualTo(2 * 0.01);
    }

    @Test
    void shouldKeepTheInstantChannelInTheKeysStateWhenItsWeightIsSet() {
        driver = drivers.start(Map.of("seqscore.anomaly.detector", "range", "seqscore.anomaly.adaptive.step", "0",
                "seqscore.anomaly.range.instant.weight", "0.5"));
        driver.publish(release(1, PARAMS));
        NabReferenceScorer ref = reference();
        double[] v = series();
        for (int t = 0; t < v.length; t++) {
            long time = T0 + SPACING * t;
            driver.send("nab", time, v[t]);
            Score s = driver.nextScore().value();
            double without = ref.score(time, v[t]);
            if (t > 0 && t < 128) {
                assertThat(s.getAnomalyScore()).as("warming up: as without it, t%d", t).isCloseTo(without, within(1e-6));
            }
            if (t == SPIKE) {
                assertThat(s.getAnomaly()).as("the spike is flagged").isTrue();
            }
        }
        KeyState state = KeyStateCodec.decode(driver.stateStore().get("nab"));
        int core = 11 + 4;
        assertThat(state.detectorSize()).as("value block, forecast block, instant channel (1 + 2 doubles), q")
                .isEqualTo(core + 3 + io.seqscore.model.core.anomaly.RangeDetector.EXTRA);
        assertThat(state.detector()[core]).as("residuals the instant channel absorbed").isEqualTo(v.length - 1);
        assertThat(state.detector()[core + 2]).as("the largest forecast error, the spike's")
                .isGreaterThan(state.detector()[core + 1]);
    }

    @Test
    void shouldScoreAReleaseOfSeveralValuesAndAHorizonOfThreeAndFlagItsShift() {
        NetworkSpec spec = NetworkSpec.uniform(CellType.GRU_RESET_AFTER, 2, 3, 2, 3, 2);
        ModelRelease multi = Releases.release("default", 1, spec, Releases.randomParams(spec, 9, 0.5f),
                Releases.global(new float[] {10f, -2f}, new float[] {3f, 0.5f}), Releases.gaussian(spec, 1.0, 0.99, 0));
        driver = drivers.start(Map.of("seqscore.anomaly.detector", "range"));
        driver.publish(multi);
        SplittableRandom random = new SplittableRandom(13);
        int n = 1200;
        int shift = 900;
        int flags = 0;
        int flagsAfterShift = 0;
        for (int t = 0; t < n; t++) {
            double a = 10 + 3 * Math.sin(2 * Math.PI * t / 96) + 0.1 * random.nextGaussian();
            double b = -2 + 0.2 * random.nextGaussian() + (t >= shift ? 5 : 0);
            driver.send("m", T0 + SPACING * t, a, b);
            Score s = driver.nextScore().value();
            assertThat(s.getHorizon()).isEqualTo(3);
            if (t == 0) {
                assertThat(s.getAnomalyScore()).isNull();
                continue;
            }
            assertThat(s.getAnomalyScore()).as("score at t%d", t).isBetween(0.0, 1.0);
            flags += s.getAnomaly() ? 1 : 0;
            flagsAfterShift += s.getAnomaly() && t >= shift && t < shift + 32 ? 1 : 0;
        }
        assertThat(flagsAfterShift).as("the shift of the second value").isPositive();
        assertThat((double) flags / n).as("%d flags", flags).isLessThanOrEqualTo(2 * 0.01);
        assertThat(driver.anomalies().readValuesToList()).hasSize(flags);
        driver.assertNoMoreOutput();
    }

    @Test
    void shouldServeSeasonalChangesWithTheCalibratedDetectorAndItsForecasts() {
        driver = drivers.start(Map.of("seqscore.anomaly.detector", "calibrated"));
        driver.publish(release(1, PARAMS));
        NabReferenceScorer ref = reference();
        double[] v = series();
        float previous = Float.NaN;
        for (int t = 0; t < 400; t++) {
            long time = T0 + SPACING * t;
            driver.send("k", time, v[t]);
            Score s = driver.nextScore().value();
            ref.score(time, v[t]);
            if (t > 0) {
                double residual = v[t] - previous;
                assertThat(s.getExpected()).containsExactly((double) previous);
                assertThat(s.getAnomalyScore()).isCloseTo(
                        io.seqscore.model.core.anomaly.AnomalyScorer.erf(Math.abs(residual / STD) / Math.sqrt(2)), within(1e-12));
            }
            assertThat(s.getForecast().get(0)).isEqualTo((double) ref.forecast(0));
            assertThat(s.getForecast().get(3)).isEqualTo((double) ref.forecast(3));
            previous = ref.forecast(0);
        }
        KeyState state = KeyStateCodec.decode(driver.stateStore().get("k"));
        assertThat(state.ringCapacity()).as("max(re-warm 32, history 320)").isEqualTo(320);
        assertThat(state.detectorSize()).isZero();
        driver.assertNoMoreOutput();
    }

    @Test
    void shouldDeadLetterAnEventWithMoreThanOneValueForASeasonalChangesModel() {
        driver = drivers.start(RANGE);
        driver.publish(release(1, PARAMS));
        driver.send("k", T0, 1.0, 2.0);
        var dead = driver.dlq().readRecord();
        assertThat(new String(dead.headers().lastHeader("seqscore.dlq.reason").value(), StandardCharsets.UTF_8))
                .isEqualTo(DlqReason.WRONG_DIMENSION.name());
        driver.send("k", T0, 1.0);
        assertThat(driver.nextScore().value().getStatus()).isEqualTo(ScoreStatus.OK);
        driver.assertNoMoreOutput();
    }

    @Test
    void shouldRewarmANewVersionByReplayingTheRingWithItsTimesAndKeepTheValueRanges() {
        driver = drivers.start(RANGE);
        driver.publish(release(1, PARAMS));
        double[] v = series();
        int n = 2 * DAY;
        for (int t = 0; t < n; t++) {
            driver.send("k", T0 + SPACING * t, v[t]);
        }
        driver.scores();
        driver.anomalies().readRecordsToList();
        float[] next = Releases.randomParams(SPEC, 43, 0.3f);
        driver.publish(release(2, next));
        // the new version replays the ring's last 321 events from a zero state
        NabReferenceScorer replay = new NabReferenceScorer(SPEC, next, MEAN, STD,
                new SeasonalChanges(86_400_000L, SPACING, 1_800_000L, 5f), 320);
        for (int t = n - 321; t < n; t++) {
            replay.score(T0 + SPACING * t, v[t]);
        }
        float expected = replay.forecast(0);
        long time = T0 + SPACING * n;
        driver.send("k", time, v[n]);
        Score s = driver.nextScore().value();
        assertThat(s.getStatus()).isEqualTo(ScoreStatus.REWARMED);
        assertThat(s.getModelVersion()).isEqualTo(2L);
        assertThat(s.getExpected()).containsExactly((double) expected);
        replay.score(time, v[n]);
        assertThat(s.getForecast().get(0)).isEqualTo((double) replay.forecast(0));
        KeyState state = KeyStateCodec.decode(driver.stateStore().get("k"));
        assertThat(state.detectorCounters()[0]).as("value and level channels kept: every event counted once")
                .isEqualTo(n + 1);
        assertThat(state.detectorCounters()[1]).as("residual channel rebuilt from the replay").isEqualTo(321);
        driver.assertNoMoreOutput();
    }

    @Test
    void shouldRunASeasonalChangesShadowOnTheKeysRingBesideAValuesRelease() {
        driver = drivers.start(RANGE);
        NetworkSpec values = NetworkSpec.uniform(CellType.LSTM, 1, 4, 1);
        driver.publish(Releases.release("default", 1, values, Releases.randomParams(values, 1, 0.5f),
                Releases.global(new float[] {MEAN}, new float[] {STD}), Releases.gaussian(values, 1.0, 0.999, 0)));
        driver.publish(Rollouts.shadow(release(2, PARAMS), null));
        NabReferenceScorer ref = reference();
        double[] v = series();
        for (int t = 0; t < DAY + 60; t++) {
            long time = T0 + SPACING * t;
            driver.send("k", time, v[t]);
            driver.nextScore();
            double expected = ref.score(time, v[t]);
            Score shadow = driver.shadowScores().readValue().getShadow();
            assertThat(shadow.getModelVersion()).isEqualTo(2L);
            if (t > 0) {
                assertThat(shadow.getAnomalyScore()).as("shadow score at t%d", t).isCloseTo(expected, within(1e-6));
            }
            assertThat(shadow.getForecast().get(0)).isEqualTo((double) ref.forecast(0));
        }
        assertThat(KeyStateCodec.decode(driver.stateStore().get("k")).ringCapacity())
                .as("the main ring holds what the shadow and the detector need").isEqualTo(321);
        driver.anomalies().readRecordsToList();
        driver.assertNoMoreOutput();
    }

    @Test
    void shouldKeepServingTheCurrentVersionWhenASeasonalChangesReleaseIsRejected() {
        driver = drivers.start(RANGE);
        driver.publish(release(1, PARAMS));
        ModelRelease bad = release(2, Releases.randomParams(SPEC, 5, 0.3f));
        bad.getFeatures().setHistorySize(0);
        driver.publish(bad);
        ModelRelease unknown = release(3, Releases.randomParams(SPEC, 6, 0.3f));
        unknown.getFeatures().setKind(io.seqscore.avro.FeatureKind.UNKNOWN);
        driver.publish(unknown);
        assertThat(driver.registry().rejectedCount()).isEqualTo(2);
        NabReferenceScorer ref = reference();
        for (int t = 0; t < 3; t++) {
            driver.send("k", T0 + SPACING * t, 10 + t);
            Score s = driver.nextScore().value();
            ref.score(T0 + SPACING * t, 10 + t);
            assertThat(s.getModelVersion()).isEqualTo(1L);
            assertThat(s.getForecast().get(0)).isEqualTo((double) ref.forecast(0));
        }
        driver.anomalies().readRecordsToList();
        driver.assertNoMoreOutput();
    }

    private static double max(double[] a, int from, int to) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            m = Math.max(m, a[i]);
        }
        return m;
    }
}
