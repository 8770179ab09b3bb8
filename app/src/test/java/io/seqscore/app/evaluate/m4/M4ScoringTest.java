package io.seqscore.app.evaluate.m4;

import io.seqscore.avro.FeatureKind;
import io.seqscore.avro.KeyNormalizer;
import io.seqscore.avro.ModelRelease;
import io.seqscore.model.core.HeadSpec;
import io.seqscore.model.core.QuantileHead;
import io.seqscore.model.core.Network;
import io.seqscore.model.core.features.EncodedSeries;
import io.seqscore.model.core.features.EsHybridFeatures;
import io.seqscore.model.core.features.FeatureKinds;
import io.seqscore.model.core.features.FeatureParameters;
import io.seqscore.model.core.features.FeatureTransform;
import io.seqscore.model.core.features.SeasonalChanges;
import io.seqscore.trainer.release.ReleaseNetwork;
import io.seqscore.trainer.train.TrainingProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The forecast {@code evaluate m4} writes is the one the real scorer emitted at each series' last value: the
 * release's network run offline over the whole series (per-key z-scores, then raw units) gives the same numbers
 * (the season selection off), and with the season selection on, the rule of {@code SeasonSelection} applied offline
 * to those numbers.
 */
class M4ScoringTest {
    private static final int H = 6;
    /** Two hourly series with a daily cycle at different levels and phases. */
    private static final List<M4Series> SERIES = List.of(wave("H1", 260, 50, 0), wave("H2", 250, 400, 7));

    @Test
    void shouldReturnTheForecastTheScorerEmittedAtEachSeriesLastValue() {
        ModelRelease release = train(new M4Model.Settings(H, 4, 1, 3, 1, M4Model.Features.VALUES));

        Map<String, double[]> scored = M4Scoring.lastForecasts(SERIES, release, false);

        assertThat(scored).containsOnlyKeys("H1", "H2");
        assertServedAsOffline(release, scored, (s, mu, sigma, net) -> {
            float[] state = net.newState();
            float[] x = new float[1];
            float[] out = new float[H];
            for (double v : s.values()) {
                x[0] = ((float) v - mu) / sigma;
                net.step(state, x, out);
            }
            return out;
        });
    }

    /**
     * SEASONAL_OFFSETS: the 4 seasonal inputs over a ring of the release's history, and forecast step s (H ≤ 24) at
     * the last value t = (z_{t−23+s} + out_s)·σ + μ, the same hour one day earlier.
     */
    @Test
    void shouldServeTheSeasonalOffsetsForecastFromTheSameHourOfTheLatestDay() {
        ModelRelease release = train(new M4Model.Settings(H, 4, 1, 3, 1));
        assertThat(release.getFeatures().getKind()).isEqualTo(FeatureKind.SEASONAL_OFFSETS);
        assertThat(release.getFeatures().getHistorySize()).isEqualTo(96);

        Map<String, double[]> scored = M4Scoring.lastForecasts(SERIES, release, false);

        assertServedAsOffline(release, scored, M4ScoringTest::offsetsOffline);
    }

    private static float[] offsetsOffline(M4Series s, float mu, float sigma, Network net) {
        SeasonalChanges features = new SeasonalChanges(24 * M4Model.HOUR_MILLIS, M4Model.HOUR_MILLIS,
                M4Model.HOUR_MILLIS / 2, 5f);
        double[] v = s.values();
        float[] out = OfflineSteps.afterLastValue(net, features, v, mu, sigma, H);
        int last = v.length - 1;
        for (int i = 0; i < H; i++) {
            out[i] += ((float) v[last - 23 + i] - mu) / sigma;
        }
        return out;
    }

    /**
     * --ensemble 2 --seed 3: one release, served through the real scorer, whose forecast is the mean of the forecasts
     * the scorer serves for the members trained alone (seeds 3 and 4), and equal to its network run offline.
     */
    @Test
    void shouldServeAnEnsembleAsTheMeanOfItsMembersForecasts() {
        ModelRelease ensemble = train(new M4Model.Settings(H, 4, 1, 3, 1, M4Model.Features.OFFSETS, 0.5f, HeadSpec.REGRESSION, 2));
        ModelRelease first = train(new M4Model.Settings(H, 4, 1, 3, 1, M4Model.Features.OFFSETS, 0.5f));
        ModelRelease second = train(new M4Model.Settings(H, 4, 1, 4, 1, M4Model.Features.OFFSETS, 0.5f));
        assertThat(ensemble.getArchitecture().getLayers().get(0).getUnits()).isEqualTo(8);

        Map<String, double[]> served = M4Scoring.lastForecasts(SERIES, ensemble, false);
        Map<String, double[]> a = M4Scoring.lastForecasts(SERIES, first, false);
        Map<String, double[]> b = M4Scoring.lastForecasts(SERIES, second, false);

        for (M4Series s : SERIES) {
            double spread = 0;
            for (int i = 0; i < H; i++) {
                double mean = 0.5 * (a.get(s.id())[i] + b.get(s.id())[i]);
                assertThat(served.get(s.id())[i]).as("%s F%d", s.id(), i + 1)
                        .isCloseTo(mean, within(1e-4 * Math.abs(mean)));
                spread = Math.max(spread, Math.abs(a.get(s.id())[i] - b.get(s.id())[i]) / Math.abs(mean));
            }
            assertThat(spread).as("the two members forecast differently").isGreaterThan(1e-4);
        }
        assertServedAsOffline(ensemble, served, M4ScoringTest::offsetsOffline);
    }

    /**
     * ES_HYBRID through the real scorer (its per-key smoothing state in the key state's feature part): forecast
     * step s at the last value = (base_s + out_s)·σ + μ, the smoothing's forecast corrected by the network, as the
     * release's transform computes it offline over the whole series.
     */
    @Test
    void shouldServeTheEsHybridForecastFromTheKeysSmoothingState() {
        ModelRelease release = train(new M4Model.Settings(H, 4, 1, 3, 1, M4Model.Features.ES_HYBRID, 1f));
        assertThat(release.getFeatures().getName()).isEqualTo(EsHybridFeatures.KIND);
        Map<String, Double> named = new java.util.LinkedHashMap<>();
        release.getFeatures().getParameters().forEach(p -> named.put(p.getName(), p.getValue()));
        FeatureTransform features = FeatureKinds.create(new FeatureParameters(EsHybridFeatures.KIND, 0, 0, 0, 0,
                release.getFeatures().getClip(), named, List.of()));

        Map<String, double[]> scored = M4Scoring.lastForecasts(SERIES, release, false);

        assertServedAsOffline(release, scored, (s, mu, sigma, net) -> {
            EncodedSeries e = OfflineSteps.encode(features, s, mu, sigma, H);
            float[] out = OfflineSteps.afterLastRow(net, e, H);
            int last = e.rows() - 1;
            for (int i = 0; i < H; i++) {
                out[i] += e.base(last, i, 0);
            }
            return out;
        });
    }

    /** combine ½: the served forecast is the mean of the network's own (combine 1) and seasonal naive's. */
    @Test
    void shouldServeTheEqualWeightCombinationOfTheNetworkAndSeasonalNaive() {
        ModelRelease alone = train(new M4Model.Settings(H, 4, 1, 3, 1, M4Model.Features.OFFSETS, 1f));
        ModelRelease half = train(new M4Model.Settings(H, 4, 1, 3, 1, M4Model.Features.OFFSETS, 0.5f));
        Map<String, double[]> network = M4Scoring.lastForecasts(SERIES, alone, false);
        Map<String, double[]> combined = M4Scoring.lastForecasts(SERIES, half, false);
        for (M4Series s : SERIES) {
            double[] v = s.values();
            int last = v.length - 1;
            double largestCorrection = 0;
            for (int i = 0; i < H; i++) {
                double seasonalNaive = v[last - 23 + i];
                double expected = 0.5 * (network.get(s.id())[i] + seasonalNaive);
                assertThat(combined.get(s.id())[i]).as("%s F%d", s.id(), i + 1)
                        .isCloseTo(expected, within(1e-4 * Math.abs(seasonalNaive)));
                largestCorrection = Math.max(largestCorrection, Math.abs(network.get(s.id())[i] - seasonalNaive)
                        / Math.abs(seasonalNaive));
            }
            assertThat(largestCorrection).as("the network's own forecast is not seasonal naive").isGreaterThan(1e-3);
        }
    }

    /**
     * A quantile head (levels 0.1 and 0.9, combine ½): the Score's forecast and interval are the release's network
     * run offline, the point and each bound offset from the same hour of the latest day, the bounds sorted; the
     * bounds are the network's own rows, not the calibration's residual quantiles around the forecast.
     */
    @ParameterizedTest(name = "ensemble of {0}")
    @ValueSource(ints = {1, 2})
    void shouldServeTheQuantileHeadsOwnIntervalAsTheOfflineOne(int members) {
        HeadSpec head = QuantileHead.of(0.8);
        ModelRelease release = train(new M4Model.Settings(H, 4, 1, 3, 1, M4Model.Features.OFFSETS, 0.5f, head,
                members));
        assertThat(release.getArchitecture().getHead().getKind()).isEqualTo("quantile");
        assertThat(release.getArchitecture().getOutputDim()).isEqualTo(3);

        Map<String, M4Scoring.Served> scored = M4Scoring.lastScores(SERIES, release, false);

        ReleaseNetwork decoded = ReleaseNetwork.of(release);
        Network net = Network.of(decoded.spec(), decoded.params());
        SeasonalChanges features = new SeasonalChanges(24 * M4Model.HOUR_MILLIS, M4Model.HOUR_MILLIS,
                M4Model.HOUR_MILLIS / 2, 5f);
        double[] lowerZ = release.getCalibration().getIntervalLower().stream().mapToDouble(Double::doubleValue).toArray();
        for (M4Series s : SERIES) {
            KeyNormalizer norm = normalizerOf(release, s.id());
            float mu = norm.getMean().get(0);
            float sigma = norm.getStd().get(0);
            double[] v = s.values();
            float[] out = OfflineSteps.afterLastValue(net, features, v, mu, sigma, 3 * H);
            int last = v.length - 1;
            M4Scoring.Served served = scored.get(s.id());
            boolean ownBounds = false;
            for (int i = 0; i < H; i++) {
                float anchor = ((float) v[last - 23 + i] - mu) / sigma;
                double point = (anchor + out[3 * i + 1]) * sigma + mu;
                double a = (anchor + out[3 * i]) * sigma + mu;
                double b = (anchor + out[3 * i + 2]) * sigma + mu;
                assertThat(served.forecast()[i]).as("%s F%d", s.id(), i + 1).isCloseTo(point, within(1e-4 * sigma));
                assertThat(served.lower()[i]).as("%s L%d", s.id(), i + 1).isCloseTo(Math.min(a, b), within(1e-4 * sigma));
                assertThat(served.upper()[i]).as("%s U%d", s.id(), i + 1).isCloseTo(Math.max(a, b), within(1e-4 * sigma));
                ownBounds |= Math.abs(served.lower()[i] - (point + lowerZ[i] * sigma)) > 1e-3 * sigma;
            }
            assertThat(ownBounds).as("%s: the bounds are not the calibrated interval", s.id()).isTrue();
        }
    }

    /**
     * Season selection on: at each series' last value T, the errors of x_{t−24}, x_{t−168} and their mean as
     * predictors of x_t (t = 168 … T, the ring's float values; a mean over the first 168, then weighted 1/168) choose
     * the release's forecast f, weekly seasonal naive w = x_{T+1+i−168}, or (f + w)/2 in float; a daily and a weekly
     * series, so that the choice is not the release's forecast everywhere.
     */
    @Test
    void shouldServeTheSeasonSelectionsChoiceAtEachSeriesLastValue() {
        List<M4Series> series = List.of(wave("H1", 420, 50, 0), weekly("W1", 430, 80));
        ModelRelease release = M4Model.train(series, new M4Model.Settings(H, 4, 1, 3, 1), "test", TrainingProgress.NONE);

        Map<String, double[]> off = M4Scoring.lastForecasts(series, release, false);
        Map<String, double[]> on = M4Scoring.lastForecasts(series, release, true);

        int weeklyServed = 0;
        for (M4Series s : series) {
            double[] v = s.values();
            int last = v.length - 1;
            double[] e = new double[3];
            int n = 0;
            for (int t = 168; t <= last; t++) {
                n++;
                double alpha = Math.max(1.0 / n, 1.0 / 168);
                double x = (float) v[t];
                double d = (float) v[t - 24];
                double w = (float) v[t - 168];
                e[0] += alpha * (Math.abs(x - d) - e[0]);
                e[1] += alpha * (Math.abs(x - w) - e[1]);
                e[2] += alpha * (Math.abs(x - (d + w) / 2) - e[2]);
            }
            int choice = e[0] <= e[1] && e[0] <= e[2] ? 0 : e[1] <= e[2] ? 1 : 2;
            weeklyServed += choice > 0 ? 1 : 0;
            for (int i = 0; i < H; i++) {
                float f = (float) off.get(s.id())[i];
                float w = (float) v[last + 1 + i - 168];
                double expected = choice == 0 ? f : choice == 1 ? w : (f + w) / 2f;
                assertThat(on.get(s.id())[i]).as("%s F%d (choice %d)", s.id(), i + 1, choice).isEqualTo(expected);
            }
        }
        assertThat(weeklyServed).as("the weekly series is served the week").isPositive();
    }

    private static M4Series weekly(String id, int length, double level) {
        double[] v = new double[length];
        for (int t = 0; t < length; t++) {
            v[t] = level * (1 + 0.3 * Math.sin(2 * Math.PI * t / 24) + (t % 168 < 48 ? -0.4 : 0)) + 0.01 * level * Math.cos(1.3 * t);
        }
        return new M4Series(id, v);
    }

    /** The H forecasts of one series in the key's z-units, computed offline by the release's network. */
    private interface Offline {
        float[] forecast(M4Series s, float mu, float sigma, Network net);
    }

    /** Each series' served forecast equals the offline one in raw units, z·σ + μ, to within 1e-4·σ. */
    private static void assertServedAsOffline(ModelRelease release, Map<String, double[]> scored, Offline offline) {
        ReleaseNetwork decoded = ReleaseNetwork.of(release);
        Network net = Network.of(decoded.spec(), decoded.params());
        for (M4Series s : SERIES) {
            KeyNormalizer norm = normalizerOf(release, s.id());
            float mu = norm.getMean().get(0);
            float sigma = norm.getStd().get(0);
            float[] z = offline.forecast(s, mu, sigma, net);
            double[] got = scored.get(s.id());
            assertThat(got).hasSize(H);
            for (int i = 0; i < H; i++) {
                assertThat(got[i]).as("%s F%d", s.id(), i + 1).isCloseTo(z[i] * sigma + mu, within(1e-4 * sigma));
            }
        }
    }

    private static ModelRelease train(M4Model.Settings settings) {
        return M4Model.train(SERIES, settings, "test", TrainingProgress.NONE);
    }

    private static M4Series wave(String id, int length, double level, int phase) {
        double[] v = new double[length];
        for (int t = 0; t < length; t++) {
            v[t] = level * (1 + 0.3 * Math.sin(2 * Math.PI * (t + phase) / 24)) + 0.01 * level * Math.cos(1.3 * t);
        }
        return new M4Series(id, v);
    }

    private static KeyNormalizer normalizerOf(ModelRelease release, String key) {
        return release.getNormalizer().getPerKey().stream().filter(k -> k.getKey().equals(key)).findFirst()
                .orElseThrow();
    }
}
