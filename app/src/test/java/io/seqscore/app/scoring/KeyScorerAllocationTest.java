package io.seqscore.app.scoring;

import io.seqscore.app.config.SeqscoreConfig;
import io.seqscore.app.model.ServingModel;
import io.seqscore.model.core.features.SeasonalChangesFeatures;
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
}
