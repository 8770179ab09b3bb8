package io.seqscore.trainer.data;

import io.seqscore.model.core.features.FeatureParameters;
import io.seqscore.model.core.features.ValuesFeatures;
import io.seqscore.trainer.source.History;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link SeriesWindows} of VALUES features over a data set's training part (COVER windows). */
class ValuesWindowsTest {
    private static final ValuesFeatures VALUES = new ValuesFeatures(FeatureParameters.of(ValuesFeatures.KIND));

    @Test
    void shouldTileTheTrainingPartOfEachSegmentAndEndOnItsLastEvent() {
        History h = new History();
        // segment 1: times 0..19 (20 events); gap; segment 2: 100..104 (5 events, shorter than a window)
        for (int t = 0; t < 20; t++) {
            h.add("k", t, new double[] {t});
        }
        for (int t = 0; t < 5; t++) {
            h.add("k", 100 + t, new double[] {100 + t});
        }
        // 25 events, validation = last 5 → the whole second segment; gap reset 10
        Dataset d = DatasetBuilder.build(h, new DatasetOptions(0.2, null, 10, NormalizationMode.NONE));
        SeriesWindows w = SeriesWindows.trainingPart(d, VALUES, WindowPlacement.COVER, new WindowShape(8, 2, 6, 1));
        // starts 0, 6, 12 (12 + 8 = 20 = end): no extra window needed
        assertThat(w.count()).isEqualTo(3);
        assertThat(new int[] {w.start(0), w.start(1), w.start(2)}).containsExactly(0, 6, 12);
        assertThat(w.run(w.runOf(0)).z()).hasSize(20);
        assertThat(w.run(w.runOf(0)).z()[19]).isEqualTo(19f);
        SeriesWindows odd = SeriesWindows.trainingPart(d, VALUES, WindowPlacement.COVER, new WindowShape(8, 2, 5, 1));
        // starts 0, 5, 10, then the end-aligned 12
        assertThat(odd.count()).isEqualTo(4);
        assertThat(odd.start(3)).isEqualTo(12);
    }

    @Test
    void shouldCutTheTrainingPartAtTheValidationStartAndSkipShortSegments() {
        History h = new History();
        for (int t = 0; t < 30; t++) {
            h.add("k", t, new double[] {t});
        }
        for (int t = 0; t < 6; t++) {
            h.add("short", 1000 + t, new double[] {t});
        }
        Dataset d = DatasetBuilder.build(h, new DatasetOptions(0.5, null, 0, NormalizationMode.NONE));
        SeriesWindows w = SeriesWindows.trainingPart(d, VALUES, WindowPlacement.COVER, new WindowShape(10, 3, 7, 2));
        assertThat(w.skippedRuns()).isEqualTo(1);
        assertThat(w.trainingSteps()).isEqualTo(15);
        for (int i = 0; i < w.count(); i++) {
            assertThat(w.run(w.runOf(i)).z()).hasSize(15);
        }
        assertThat(w.count()).isEqualTo(2);
        assertThat(w.start(1)).isEqualTo(5);
    }

    @Test
    void shouldRefuseWindowsWithoutATrainedStep() {
        assertThatThrownBy(() -> new WindowShape(5, 3, 2, 2))
                .hasMessage("window (5) must be longer than burn-in + horizon (3 + 2)");
    }
}
