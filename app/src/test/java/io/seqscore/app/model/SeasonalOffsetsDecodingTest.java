package io.seqscore.app.model;

import io.seqscore.app.testing.Releases;
import io.seqscore.avro.FeatureKind;
import io.seqscore.avro.InputFeatures;
import io.seqscore.avro.ModelRelease;
import io.seqscore.model.core.CellType;
import io.seqscore.model.core.NetworkSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SEASONAL_OFFSETS releases decode with SEASONAL_CHANGES' parameter rules and are a different network from them. */
class SeasonalOffsetsDecodingTest {
    static final NetworkSpec SPEC = NetworkSpec.uniform(CellType.LSTM, 4, 8, 1, 3, 1);
    static final float[] PARAMS = Releases.randomParams(SPEC, 5, 0.4f);
    private final ModelReleaseDecoder decoder = new ModelReleaseDecoder(ReleaseVerifier.ACCEPT_UNSIGNED);

    private static ModelRelease release(NetworkSpec spec, float[] params, FeatureKind kind, int historySize) {
        InputFeatures f = Releases.seasonalChanges(86_400_000L, 3_600_000L, 1_800_000L, historySize, 5f);
        f.setKind(kind);
        return Releases.seasonalRelease("m", 2, spec, params, 10f, 2f, Releases.gaussian(spec, 1.0, 0.99, 0), f);
    }

    @Test
    void shouldDecodeSeasonalOffsetsAsSeasonalInputsWithOffsetForecasts() throws Exception {
        ServingModel offsets = decoder.decode("m", release(SPEC, PARAMS, FeatureKind.SEASONAL_OFFSETS, 96));
        assertThat(offsets.features().kind()).isEqualTo("SEASONAL_OFFSETS");
        assertThat(offsets.features().parameters().periodMillis()).isEqualTo(86_400_000L);
        assertThat(offsets.features().parameters().spacingMillis()).isEqualTo(3_600_000L);
        assertThat(offsets.features().parameters().toleranceMillis()).isEqualTo(1_800_000L);
        assertThat(offsets.historySize()).isEqualTo(96);
        assertThat(offsets.eventSize()).isEqualTo(1);
        assertThat(offsets.toString()).contains("SEASONAL_OFFSETS");
        ServingModel changes = decoder.decode("m", release(SPEC, PARAMS, FeatureKind.SEASONAL_CHANGES, 96));
        assertThat(changes.features().kind()).isEqualTo("SEASONAL_CHANGES");
        assertThat(offsets.sameNetworkAs(changes)).as("same weights, other forecast target").isFalse();
        assertThat(offsets.sameNetworkAs(decoder.decode("m", release(SPEC, PARAMS, FeatureKind.SEASONAL_OFFSETS, 96))))
                .isTrue();
    }

    @Test
    void shouldRejectSeasonalOffsetsOnAnotherArchitectureOrWithBadParameters() {
        NetworkSpec one = NetworkSpec.uniform(CellType.LSTM, 1, 4, 1, 3, 1);
        ModelRelease r = release(one, Releases.randomParams(one, 1, 0.5f), FeatureKind.SEASONAL_OFFSETS, 96);
        assertThatThrownBy(() -> decoder.decode("m", r)).isInstanceOf(ReleaseRejectedException.class)
                .hasMessage("features SEASONAL_OFFSETS need architecture inputSize 4 and outputDim 1, got 1 and 1");
        ModelRelease noHistory = release(SPEC, PARAMS, FeatureKind.SEASONAL_OFFSETS, 0);
        assertThatThrownBy(() -> decoder.decode("m", noHistory)).isInstanceOf(ReleaseRejectedException.class)
                .hasMessageStartingWith("features historySize must be in [1, ");
        ModelRelease badPeriod = release(SPEC, PARAMS, FeatureKind.SEASONAL_OFFSETS, 96);
        badPeriod.getFeatures().setPeriodMillis(0);
        assertThatThrownBy(() -> decoder.decode("m", badPeriod)).isInstanceOf(ReleaseRejectedException.class)
                .hasMessage("features SEASONAL_OFFSETS need periodMillis > 0, spacingMillis >= 0 and toleranceMillis >= 0,"
                        + " got 0, 3600000, 1800000");
    }
}
