package io.seqscore.app.scoring;

import io.seqscore.app.config.SeqscoreConfig;
import io.seqscore.app.model.ServingModel;
import io.seqscore.app.testing.Releases;
import io.seqscore.model.core.CellType;
import io.seqscore.model.core.Network;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.model.core.QuantileHead;
import io.seqscore.model.core.features.SeasonalChanges;
import io.seqscore.model.core.features.SeasonalChangesFeatures;
import io.seqscore.model.core.features.SeasonalOffsetsFeatures;
import io.seqscore.model.core.math.KernelPath;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A warm SEASONAL_CHANGES step with the range detector (look-back, inputs, network step, ranges) allocates
 * nothing. The network runs on the scalar kernels ({@link WarmSteps#scalarSeasonalModel}).
 */
class KeyScorerAllocationTest {
    @Test
    void aWarmRangeStepOfASeasonalChangesModelAllocatesNothing() throws Exception {
        ServingModel model = WarmSteps.scalarSeasonalModel(SeasonalChangesFeatures.KIND, 4, 300_000L, 320);
        ScoringSettings settings = new SeqscoreConfig(Map.of("seqscore.anomaly.detector", "range",
                "seqscore.anomaly.range.season.period.ms", "3600000")).scoringSettings();
        WarmSteps steps = new WarmSteps(settings, model);
        assertThat(steps.bytesAllocatedWhenWarm()).as("bytes allocated by 10,000 warm events").isZero();
        assertThat(steps.state().detectorCounters()[0]).isGreaterThan(40_000L);
        assertThat(steps.state().ringCount()).isEqualTo(321);
    }

    /** The likelihood detector (the range channels, the residual's calibrated score, its statistics) likewise. */
    @Test
    void aWarmLikelihoodStepOfASeasonalChangesModelAllocatesNothing() throws Exception {
        ServingModel model = WarmSteps.scalarSeasonalModel(SeasonalChangesFeatures.KIND, 4, 300_000L, 320);
        for (String raw : new String[] {"residual", "range"}) {
            ScoringSettings settings = new SeqscoreConfig(Map.of("seqscore.anomaly.detector", "likelihood",
                    "seqscore.anomaly.likelihood.raw", raw, "seqscore.anomaly.likelihood.combine", "range",
                    "seqscore.anomaly.range.season.period.ms", "3600000")).scoringSettings();
            WarmSteps steps = new WarmSteps(settings, model);
            assertThat(steps.bytesAllocatedWhenWarm()).as("%s: bytes allocated by 10,000 warm events", raw).isZero();
            assertThat(steps.state().ringCount()).isEqualTo(321);
        }
    }

    /** A quantile head: the point and both bounds through the transform, sorted, in the key's forecast buffer. */
    @Test
    void aWarmStepOfAQuantileHeadAllocatesNothingAndKeepsItsBoundsOrdered() throws Exception {
        ServingModel regression = WarmSteps.scalarSeasonalModel(SeasonalOffsetsFeatures.KIND, 4, 300_000L, 320);
        NetworkSpec spec = NetworkSpec.uniform(CellType.LSTM, SeasonalChanges.INPUTS, 16, 1, 4, 3);
        ServingModel model = new ServingModel("m", 1, 1, 0,
                Network.of(spec, Releases.randomParams(spec, 2, 0.3f), KernelPath.SCALAR), regression.features(),
                QuantileHead.of(0.95), regression.normalization(), regression.calibration(), regression.rollout(), null);
        WarmSteps steps = new WarmSteps(new SeqscoreConfig(Map.of()).scoringSettings(), model);
        assertThat(steps.bytesAllocatedWhenWarm()).as("bytes allocated by 10,000 warm events").isZero();
        float[] f = steps.state().forecast();
        assertThat(steps.state().outputDim()).isEqualTo(3);
        for (int i = 0; i < 4; i++) {
            assertThat(f[4 + i]).as("lower %d <= upper", i).isLessThanOrEqualTo(f[8 + i]);
        }
    }
}
