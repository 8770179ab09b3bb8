package io.seqscore.app.scoring;

import io.seqscore.app.config.SeqscoreConfig;
import io.seqscore.app.model.ServingModel;
import io.seqscore.model.core.features.SeasonalOffsetsFeatures;
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
        ServingModel model = WarmSteps.scalarSeasonalModel(SeasonalOffsetsFeatures.KIND, 48, 30_000L, 120);
        ScoringSettings settings = new SeqscoreConfig(Map.of("seqscore.anomaly.detector", detector,
                "seqscore.anomaly.range.season.period.ms", "3600000")).scoringSettings();
        WarmSteps steps = new WarmSteps(settings, model);
        assertThat(steps.bytesAllocatedWhenWarm()).as("bytes allocated by 10,000 warm events").isZero();
        assertThat(steps.state().forecast()).hasSize(48).doesNotContain(Float.NaN);
    }

    /**
     * With the season selection, on a series that repeats every week (420 minute events of an hourly season): counting
     * the event and serving weekly seasonal naive, a scan of the key's last week per event, allocate nothing.
     */
    @ParameterizedTest
    @ValueSource(strings = {"calibrated", "range"})
    void aWarmStepWithTheSeasonSelectionServingTheWeekAllocatesNothing(String detector) throws Exception {
        ServingModel model = WarmSteps.scalarSeasonalModel(SeasonalOffsetsFeatures.KIND, 48, 30_000L, 120);
        ScoringSettings settings = new SeqscoreConfig(Map.of("seqscore.anomaly.detector", detector,
                "seqscore.anomaly.range.season.period.ms", "3600000",
                "seqscore.forecast.season.selection", "true")).scoringSettings();
        WarmSteps steps = new WarmSteps(settings, model, new ForecastSelection(settings.forecast()), 420,
                i -> 10 + 3 * Math.sin(2 * Math.PI * i / 420) + (i < 60 ? 2 : 0));
        assertThat(steps.bytesAllocatedWhenWarm()).as("bytes allocated by 10,000 warm events").isZero();
        assertThat(steps.state().ringCapacity()).isEqualTo(421);
        assertThat(steps.served()).as("the week is served").isNotSameAs(steps.state().forecast());
    }
}
