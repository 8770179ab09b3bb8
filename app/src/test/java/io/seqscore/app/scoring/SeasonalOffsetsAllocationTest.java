package io.seqscore.app.scoring;

import io.seqscore.app.config.SeqscoreConfig;
import io.seqscore.app.model.ModelReleaseDecoder;
import io.seqscore.app.model.ReleaseVerifier;
import io.seqscore.app.model.ServingModel;
import io.seqscore.app.testing.Releases;
import io.seqscore.model.core.CellType;
import io.seqscore.model.core.Network;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.model.core.features.FeatureKinds;
import io.seqscore.model.core.features.FeatureParameters;
import io.seqscore.model.core.features.SeasonalChanges;
import io.seqscore.model.core.features.SeasonalOffsetsFeatures;
import io.seqscore.model.core.math.KernelPath;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A warm SEASONAL_OFFSETS step (look-back, inputs, network step, one anchor look-up per forecast step) allocates
 * nothing, with the calibrated and with the range detector. The network runs on the scalar kernels, as in
 * {@link KeyScorerAllocationTest}.
 */
class SeasonalOffsetsAllocationTest {
    @ParameterizedTest
    @ValueSource(strings = {"calibrated", "range"})
    void aWarmStepOfASeasonalOffsetsModelAllocatesNothing(String detector) throws Exception {
        NetworkSpec spec = NetworkSpec.uniform(CellType.LSTM, SeasonalChanges.INPUTS, 16, 1, 48, 1);
        float[] params = Releases.randomParams(spec, 1, 0.3f);
        ServingModel decoded = new ModelReleaseDecoder(ReleaseVerifier.ACCEPT_UNSIGNED).decode("m",
                Releases.seasonalRelease("m", 1, spec, params, 10f, 2f, Releases.gaussian(spec, 1.0, 0.99, 0),
                        Releases.seasonalChanges(3_600_000L, 60_000L, 30_000L, 120, 5f)));
        ServingModel model = new ServingModel("m", 1, 1, 0, Network.of(spec, params, KernelPath.SCALAR),
                FeatureKinds.create(new FeatureParameters(SeasonalOffsetsFeatures.KIND,
                        decoded.features().parameters().periodMillis(), decoded.features().parameters().spacingMillis(),
                        decoded.features().parameters().toleranceMillis(), decoded.historySize(),
                        decoded.features().parameters().clip())), decoded.normalization(), decoded.calibration(),
                decoded.rollout(), null);
        ScoringSettings settings = new SeqscoreConfig(Map.of("seqscore.anomaly.detector", detector,
                "seqscore.anomaly.range.season.period.ms", "3600000")).scoringSettings();
        WarmSteps steps = new WarmSteps(settings, model);
        assertThat(steps.bytesAllocatedWhenWarm()).as("bytes allocated by 10,000 warm events").isZero();
        assertThat(steps.state().forecast()).hasSize(48).doesNotContain(Float.NaN);
    }
}
