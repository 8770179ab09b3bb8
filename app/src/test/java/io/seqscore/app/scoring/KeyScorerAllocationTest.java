package io.seqscore.app.scoring;

import io.seqscore.app.config.SeqscoreConfig;
import io.seqscore.app.model.ModelReleaseDecoder;
import io.seqscore.app.model.ReleaseVerifier;
import io.seqscore.app.model.ServingModel;
import io.seqscore.app.testing.Releases;
import io.seqscore.model.core.CellType;
import io.seqscore.model.core.Network;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.model.core.features.SeasonalChanges;
import io.seqscore.model.core.math.KernelPath;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A warm SEASONAL_CHANGES step with the range detector (look-back, inputs, network step, ranges) allocates
 * nothing. The network runs on the scalar kernels: whether the vector kernels' vectors are scalar-replaced
 * depends on what else the JIT has seen in this JVM, which model/core's own ZeroAllocationTest covers.
 */
class KeyScorerAllocationTest {
    @Test
    void aWarmRangeStepOfASeasonalChangesModelAllocatesNothing() throws Exception {
        NetworkSpec spec = NetworkSpec.uniform(CellType.LSTM, SeasonalChanges.INPUTS, 16, 1, 4, 1);
        float[] params = Releases.randomParams(spec, 1, 0.3f);
        ServingModel decoded = new ModelReleaseDecoder(ReleaseVerifier.ACCEPT_UNSIGNED).decode("m",
                Releases.seasonalRelease("m", 1, spec, params, 10f, 2f, Releases.gaussian(spec, 1.0, 0.99, 0),
                        Releases.seasonalChanges(3_600_000L, 60_000L, 300_000L, 320, 5f)));
        ServingModel model = new ServingModel("m", 1, 1, 0, Network.of(spec, params, KernelPath.SCALAR),
                decoded.features(), decoded.normalization(), decoded.calibration(),
                decoded.rollout(), null);
        ScoringSettings settings = new SeqscoreConfig(Map.of("seqscore.anomaly.detector", "range",
                "seqscore.anomaly.range.season.period.ms", "3600000")).scoringSettings();
        WarmSteps steps = new WarmSteps(settings, model);
        assertThat(steps.bytesAllocatedWhenWarm()).as("bytes allocated by 10,000 warm events").isZero();
        assertThat(steps.state().detectorCounters()[0]).isGreaterThan(40_000L);
        assertThat(steps.state().ringCount()).isEqualTo(321);
    }
}
