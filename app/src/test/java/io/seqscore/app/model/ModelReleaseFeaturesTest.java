package io.seqscore.app.model;

import io.seqscore.app.testing.Releases;
import io.seqscore.avro.FeatureKind;
import io.seqscore.avro.Head;
import io.seqscore.avro.InputFeatures;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.NamedValue;
import io.seqscore.model.core.CellType;
import io.seqscore.model.core.HeadSpec;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.model.core.features.SeasonalChanges;
import io.seqscore.model.core.features.SeasonalFeatures;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The release's input features: VALUES as before, SEASONAL_CHANGES decoded and checked, anything else rejected. */
class ModelReleaseFeaturesTest {
    static final NetworkSpec SPEC = NetworkSpec.uniform(CellType.LSTM, 4, 16, 1, 4, 1);
    static final float[] PARAMS = Releases.randomParams(SPEC, 3, 0.4f);
    private final ModelReleaseDecoder decoder = new ModelReleaseDecoder(ReleaseVerifier.ACCEPT_UNSIGNED);

    private static ModelRelease seasonal(Consumer<InputFeatures> change) {
        InputFeatures f = Releases.seasonalChanges(86_400_000L, 300_000L, 1_800_000L, 320, 5f);
        change.accept(f);
        return Releases.seasonalRelease("m", 2, SPEC, PARAMS, 10f, 2f, Releases.gaussian(SPEC, 1.0, 0.99, 0), f);
    }

    private void assertRejected(ModelRelease release, String reason) {
        assertThatThrownBy(() -> decoder.decode(release.getName(), release))
                .isInstanceOf(ReleaseRejectedException.class).hasMessage(reason);
    }

    @Test
    void shouldDecodeSeasonalChangesWithItsParametersAndOneValuePerEvent() throws Exception {
        ServingModel model = decoder.decode("m", seasonal(f -> { }));
        assertThat(model.features().kind()).isEqualTo("SEASONAL_CHANGES");
        SeasonalChanges s = ((SeasonalFeatures) model.features()).seasonalChanges();
        assertThat(s.period()).isEqualTo(86_400_000L);
        assertThat(s.spacing()).isEqualTo(300_000L);
        assertThat(s.tolerance()).isEqualTo(1_800_000L);
        assertThat(s.clip()).isEqualTo(5f);
        assertThat(model.historySize()).isEqualTo(320);
        assertThat(model.eventSize()).isEqualTo(1);
        assertThat(model.spec().inputSize()).isEqualTo(4);
        assertThat(model.normalization().global().means()).containsExactly(10f);
        assertThat(model.sameNetworkAs(decoder.decode("m", seasonal(f -> f.setHistorySize(321))))).isFalse();
        assertThat(model.sameNetworkAs(decoder.decode("m", seasonal(f -> { })))).isTrue();
    }

    @Test
    void shouldDecodeValuesAsBeforeWithoutSeasonalInputs() throws Exception {
        NetworkSpec spec = NetworkSpec.uniform(CellType.GRU_RESET_AFTER, 2, 3, 1, 1, 2);
        ModelRelease r = Releases.release("v", 1, spec, Releases.randomParams(spec, 1, 0.5f),
                Releases.global(new float[] {0f, 1f}, new float[] {1f, 2f}), Releases.gaussian(spec, 1.0, 0.9, 0));
        assertThat(r.getFeatures().getKind()).isEqualTo(FeatureKind.VALUES);
        ServingModel model = decoder.decode("v", r);
        assertThat(model.features().kind()).isEqualTo("VALUES");
        assertThat(model.historySize()).isZero();
        assertThat(model.eventSize()).isEqualTo(2);
        r.getFeatures().setHistorySize(5);
        assertRejected(r, "features VALUES must have periodMillis, spacingMillis, toleranceMillis, historySize and clip 0"
                + " and no named parameters or vocabulary, got 0, 0, 0, 5, 0.0, [], 0 symbols");
        r.getFeatures().setHistorySize(0);
        r.getFeatures().setClip(-0.0f);
        assertThatThrownBy(() -> decoder.decode("v", r)).hasMessageStartingWith("features VALUES must have");
    }

    @Test
    void shouldRejectAnUnknownFeatureKind() {
        assertRejected(seasonal(f -> f.setKind(FeatureKind.UNKNOWN)), "unknown feature kind (written by a newer schema)");
    }

    /** Releases name their kind: the name wins over the enum symbol, which is UNKNOWN for kinds added later. */
    @Test
    void shouldResolveTheKindByItsNameAndRejectAContradictionOrAnUnregisteredName() throws Exception {
        ServingModel named = decoder.decode("m", seasonal(f -> f.setName("SEASONAL_CHANGES")));
        assertThat(named.features().kind()).isEqualTo("SEASONAL_CHANGES");
        assertThat(decoder.decode("m", seasonal(f -> {
            f.setKind(FeatureKind.UNKNOWN);
            f.setName("SEASONAL_CHANGES");
        })).features()).isEqualTo(named.features());

        assertRejected(seasonal(f -> f.setName("SEASONAL_OFFSETS")),
                "features name 'SEASONAL_OFFSETS' contradicts their kind SEASONAL_CHANGES");
        assertRejected(seasonal(f -> {
            f.setKind(FeatureKind.UNKNOWN);
            f.setName("LAGGED");
        }), "unknown feature kind 'LAGGED' (this scorer knows [ES_HYBRID, SEASONAL_CHANGES, SEASONAL_OFFSETS, SYMBOLS, VALUES])");
    }

    @Test
    void shouldRejectNamedParametersAKindDoesNotTakeAndRepeatedNames() {
        assertRejected(seasonal(f -> f.setParameters(List.of(new NamedValue("alpha", 0.5)))),
                "features SEASONAL_CHANGES take no named parameters or vocabulary, got [alpha]");
        assertRejected(seasonal(f -> f.setVocabulary(List.of("a"))),
                "features SEASONAL_CHANGES take no named parameters or vocabulary, got [] and a vocabulary");
        assertRejected(seasonal(f -> f.setParameters(List.of(new NamedValue("a", 1.0), new NamedValue("a", 2.0)))),
                "features parameter names must be non-empty and unique, got 'a' twice or empty");
    }

    /** A quantile head: three outputs per forecast value; the features, the calibration and the scores see one. */
    @Test
    void shouldDecodeAQuantileHeadAsOneForecastValuePerStepAndRejectAHeadOfTheWrongWidth() throws Exception {
        NetworkSpec three = NetworkSpec.uniform(CellType.LSTM, 4, 16, 1, 4, 3);
        ModelRelease release = Releases.seasonalRelease("m", 2, three, Releases.randomParams(three, 3, 0.4f), 10f, 2f,
                Releases.gaussian(SPEC, 1.0, 0.99, 0), Releases.seasonalChanges(86_400_000L, 300_000L, 1_800_000L, 320, 5f));
        release.getArchitecture().setHead(new Head("quantile", List.of(new NamedValue("lower", 0.025),
                new NamedValue("upper", 0.975))));
        ServingModel model = decoder.decode("m", release);
        assertThat(model.hasQuantileHead()).isTrue();
        assertThat(model.forecastDim()).isEqualTo(1);
        assertThat(model.forecastSize()).isEqualTo(4);
        assertThat(model.spec().outputSize()).isEqualTo(12);
        assertThat(model.eventSize()).isEqualTo(1);

        ModelRelease narrow = seasonal(f -> { });
        narrow.getArchitecture().setHead(new Head("quantile", List.of(new NamedValue("lower", 0.025),
                new NamedValue("upper", 0.975))));
        assertThatThrownBy(() -> decoder.decode("m", narrow)).isInstanceOf(ReleaseRejectedException.class)
                .hasMessageContaining("3 outputs (lower, point, upper) per forecast value");
    }

    @Test
    void shouldServeTheRegressionHeadByDefaultAndRejectAHeadItDoesNotKnow() throws Exception {
        assertThat(decoder.decode("m", seasonal(f -> { })).head()).isEqualTo(HeadSpec.REGRESSION);

        ModelRelease quantile = seasonal(f -> { });
        quantile.getArchitecture().setHead(new Head("quantile-test-unregistered", List.of()));
        assertRejected(quantile, "unknown head kind 'quantile-test-unregistered' (this scorer knows [regression, quantile, softmax, softmax-mixture, softmax-values])");

        ModelRelease regressionWithParameters = seasonal(f -> { });
        regressionWithParameters.getArchitecture().setHead(new Head("", List.of(new NamedValue("q", 0.5))));
        assertRejected(regressionWithParameters, "the regression head takes no parameters, got [q]");
    }

    @Test
    void shouldRejectSeasonalChangesOnAnotherArchitecture() {
        NetworkSpec one = NetworkSpec.uniform(CellType.LSTM, 1, 4, 1, 4, 1);
        ModelRelease r = Releases.seasonalRelease("m", 2, one, Releases.randomParams(one, 1, 0.5f), 0f, 1f,
                Releases.gaussian(one, 1.0, 0.9, 0), Releases.seasonalChanges(100, 10, 5, 32, 5f));
        assertRejected(r, "features SEASONAL_CHANGES need architecture inputSize 4 and outputDim 1, got 1 and 1");
        NetworkSpec two = NetworkSpec.uniform(CellType.LSTM, 4, 4, 1, 1, 2);
        ModelRelease d2 = Releases.seasonalRelease("m", 2, two, Releases.randomParams(two, 1, 0.5f), 0f, 1f,
                Releases.gaussian(two, 1.0, 0.9, 0), Releases.seasonalChanges(100, 10, 5, 32, 5f));
        assertRejected(d2, "features SEASONAL_CHANGES need architecture inputSize 4 and outputDim 1, got 4 and 2");
    }

    @Test
    void shouldRejectSeasonalChangesWithParametersOutOfRange() {
        String times = "features SEASONAL_CHANGES need periodMillis > 0, spacingMillis >= 0 and toleranceMillis >= 0, got ";
        assertRejected(seasonal(f -> f.setPeriodMillis(0)), times + "0, 300000, 1800000");
        assertRejected(seasonal(f -> f.setSpacingMillis(-1)), times + "86400000, -1, 1800000");
        assertRejected(seasonal(f -> f.setToleranceMillis(-1)), times + "86400000, 300000, -1");
        assertRejected(seasonal(f -> f.setHistorySize(0)), "features historySize must be in [1, 4096], got 0");
        assertRejected(seasonal(f -> f.setHistorySize(4097)), "features historySize must be in [1, 4096], got 4097");
        assertRejected(seasonal(f -> f.setClip(0f)), "features clip must be finite and > 0, got 0.0");
        assertRejected(seasonal(f -> f.setClip(Float.NaN)), "features clip must be finite and > 0, got NaN");
        assertRejected(seasonal(f -> f.setClip(Float.POSITIVE_INFINITY)),
                "features clip must be finite and > 0, got Infinity");
    }

    @Test
    void shouldRejectANormalizerOfTheNetworksFourInputsForSeasonalChanges() {
        ModelRelease r = seasonal(f -> { });
        r.setNormalizer(Releases.global(new float[] {0f, 0f, 0f, 0f}, new float[] {1f, 1f, 1f, 1f}));
        assertRejected(r, "normalizer has 4 means and 4 stds, the architecture reads 1 values");
    }
}
