package io.seqscore.app.topology;

import io.seqscore.app.config.SeqscoreConfig;
import io.seqscore.app.testing.Releases;
import io.seqscore.app.testing.ScorerDriver;
import io.seqscore.app.testing.ScorerDrivers;
import io.seqscore.avro.FeatureKind;
import io.seqscore.avro.InputFeatures;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.Score;
import io.seqscore.model.core.CellType;
import io.seqscore.model.core.Network;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.model.core.features.EventRing;
import io.seqscore.model.core.features.SeasonalChanges;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The season selection (seqscore.forecast.season.selection) through the topology, on a SEASONAL_OFFSETS release of
 * season P = 10 events (a "week" of 70) with H = 14 steps. The release's own forecast f_s is computed offline as in
 * {@link SeasonalOffsetsTest}; the choice is derived by hand from each series' construction:
 *
 * <ul>
 *   <li>a weekly series x_t = W(t mod 70): the weekly predictor has error 0, the daily one does not: served w_s =
 *       x_{t+1+s−70};</li>
 *   <li>a daily series with a trend, 4 + 0.05t + sin(2πt/P): errors 0.5 (day), 3.5 (week), 2 (mean): f_s;</li>
 *   <li>a trend down of 0.01 per event with a rise of 0.05 per event within each week, 8 − 0.01t + 0.05(t mod 70):
 *       absolute errors 3.1 (day), 0.7 (week), 1.9 (mean) on the first day of a week, 0.4, 0.7, 0.15 on the
 *       others. Over its first n counted events (t = 70 .. 69 + n, n ≤ 70: plain means) the key's errors are
 *       (31 + 0.4(n − 10))/n, 0.7 and (19 + 0.15(n − 10))/n: the week is the smallest for n = 10..31 (t ≤ 100),
 *       the mean from n = 32 (t ≥ 101): served w_s, then (f_s + w_s)/2.</li>
 * </ul>
 * Each key counts an event once it has a week behind it (t ≥ 70) and chooses after P = 10 counted (t ≥ 79).
 */
class SeasonSelectionTest {
    static final int P = 10;
    static final int WEEK = 7 * P;
    static final int FIRST_CHOICE = WEEK + P - 1;
    static final int H = 14;
    static final long SPACING = 60_000L;
    static final long T0 = 1_700_000_000_000L;
    static final float MEAN = 4f;
    static final float STD = 1.5f;
    static final NetworkSpec SPEC = NetworkSpec.uniform(CellType.LSTM, SeasonalChanges.INPUTS, 8, 1, H, 1);
    static final float[] PARAMS = Releases.randomParams(SPEC, 11, 0.4f);
    static final Map<String, String> ON = Map.of(SeqscoreConfig.SEASON_SELECTION_CONFIG, "true");
    static final Map<String, String> OFF = Map.of(SeqscoreConfig.SEASON_SELECTION_CONFIG, "false");

    @RegisterExtension
    final ScorerDrivers drivers = new ScorerDrivers();

    static ModelRelease release() {
        InputFeatures features = InputFeatures.newBuilder().setKind(FeatureKind.SEASONAL_OFFSETS)
                .setPeriodMillis(P * SPACING).setSpacingMillis(SPACING).setToleranceMillis(SPACING / 2)
                .setHistorySize(P + 1).setClip(5f).build();
        return Releases.seasonalRelease("default", 1, SPEC, PARAMS, MEAN, STD, Releases.gaussian(SPEC, 1.0, 0.99, 0),
                features);
    }

    static double weekly(int t) {
        int phase = t % WEEK;
        return (float) (4 + Math.sin(2 * Math.PI * phase / WEEK) + 0.3 * (phase % 4));
    }

    static double daily(int t) {
        return (float) (4 + 0.05 * t + Math.sin(2 * Math.PI * t / P));
    }

    static double between(int t) {
        return (float) (8 - 0.01 * t + 0.05 * (t % WEEK));
    }

    /** The release's forecasts at every event of a series, computed offline (no selection). */
    static float[][] releaseForecasts(IntToDoubleFunction series, int n) {
        Network net = Network.of(SPEC, PARAMS);
        float[] state = net.newState();
        float[] x = new float[SeasonalChanges.INPUTS];
        float[] out = new float[H];
        SeasonalChanges inputs = new SeasonalChanges(P * SPACING, SPACING, SPACING / 2, 5f);
        EventRing ring = new EventRing(P + 1);
        float[] z = new float[n];
        float[][] f = new float[n][H];
        for (int t = 0; t < n; t++) {
            double v = series.applyAsDouble(t);
            z[t] = (float) ((v - MEAN) / STD);
            ring.add(T0 + SPACING * t, (float) v);
            inputs.inputs(ring, MEAN, STD, x, 0);
            net.step(state, x, out);
            for (int s = 0; s < H; s++) {
                int m = (s + 1 + P - 1) / P;
                int a = t + s + 1 - m * P;
                float base = a >= 0 ? z[a] : z[t];
                f[t][s] = (base + out[s]) * STD + MEAN;
            }
        }
        return f;
    }

    private List<Score> run(ScorerDriver driver, String key, IntToDoubleFunction series, int from, int to) {
        List<Score> scores = new ArrayList<>();
        for (int t = from; t < to; t++) {
            driver.send(key, T0 + SPACING * t, series.applyAsDouble(t));
            scores.add(driver.nextScore().value());
        }
        return scores;
    }

    private List<Score> run(Map<String, String> settings, String key, IntToDoubleFunction series, int n) {
        ScorerDriver driver = drivers.start(settings);
        driver.publish(release());
        List<Score> scores = run(driver, key, series, 0, n);
        driver.assertNoMoreOutput();
        return scores;
    }

    private static void assertServed(List<Score> scores, float[][] release, String name, Served served) {
        for (int t = 0; t < scores.size(); t++) {
            Score score = scores.get(t);
            if (t > 0) {
                assertThat(score.getExpected()).as("%s t%d: the expected value is the release's step 1", name, t)
                        .containsExactly((double) release[t - 1][0]);
            }
            for (int s = 0; s < H; s++) {
                double want = t < FIRST_CHOICE ? release[t][s] : served.at(t, s, release[t][s]);
                assertThat(score.getForecast().get(s)).as("%s forecast %d at t%d", name, s, t).isEqualTo(want);
                assertThat(score.getForecastUpper().get(s) - score.getForecast().get(s))
                        .as("%s upper bound %d at t%d moves with the forecast", name, s, t)
                        .isCloseTo(1.96 * STD, within(1e-9));
                assertThat(score.getForecast().get(s) - score.getForecastLower().get(s))
                        .isCloseTo(1.96 * STD, within(1e-9));
            }
        }
    }

    interface Served {
        double at(int t, int s, float release);
    }

    @Test
    void shouldServeWeeklySeasonalNaiveToAKeyWhoseWeekPredictsBest() {
        int n = 3 * WEEK;
        float[][] release = releaseForecasts(SeasonSelectionTest::weekly, n);
        List<Score> scores = run(ON, "w", SeasonSelectionTest::weekly, n);
        assertServed(scores, release, "weekly", (t, s, f) -> (float) weekly(t + 1 + s - WEEK));
        assertThat(release[n - 1][0]).as("the release itself does not forecast the weekly value")
                .isNotEqualTo((float) weekly(n - WEEK));
    }

    @Test
    void shouldKeepTheReleasesForecastForAKeyWhoseDayPredictsBest() {
        int n = 2 * WEEK;
        float[][] release = releaseForecasts(SeasonSelectionTest::daily, n);
        assertServed(run(ON, "d", SeasonSelectionTest::daily, n), release, "daily", (t, s, f) -> f);
    }

    @Test
    void shouldServeTheMeanOfTheReleaseAndWeeklyNaiveWhenTheirMeanPredictsBest() {
        int n = 2 * WEEK;
        float[][] release = releaseForecasts(SeasonSelectionTest::between, n);
        assertServed(run(ON, "m", SeasonSelectionTest::between, n), release, "mean", (t, s, f) -> {
            float w = (float) between(t + 1 + s - WEEK);
            return t <= 100 ? w : (f + w) / 2f;
        });
    }

    @Test
    void shouldServeTheReleasesForecastUnchangedWhenTheSelectionIsOff() {
        int n = 2 * WEEK;
        float[][] release = releaseForecasts(SeasonSelectionTest::weekly, n);
        assertServed(run(OFF, "w", SeasonSelectionTest::weekly, n), release, "off", (t, s, f) -> f);
    }

    /** The key's stored bytes, as a restarted instance restores them from the changelog, carry its selection. */
    @Test
    void shouldKeepTheKeysSelectionAcrossARestart() {
        int n = 3 * WEEK;
        float[][] release = releaseForecasts(SeasonSelectionTest::weekly, n);
        ScorerDriver first = drivers.start(ON);
        first.publish(release());
        List<Score> scores = run(first, "w", SeasonSelectionTest::weekly, 0, FIRST_CHOICE - 3);
        first.assertNoMoreOutput();
        byte[] stored = first.stateStore().get("w");
        first.close();
        ScorerDriver second = drivers.start(ON);
        second.publish(release());
        second.stateStore().put("w", stored);
        scores.addAll(run(second, "w", SeasonSelectionTest::weekly, FIRST_CHOICE - 3, n));
        second.assertNoMoreOutput();
        assertServed(scores, release, "restarted", (t, s, f) -> (float) weekly(t + 1 + s - WEEK));
    }
}
