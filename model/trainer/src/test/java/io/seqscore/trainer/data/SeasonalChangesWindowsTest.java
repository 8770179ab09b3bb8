package io.seqscore.trainer.data;

import io.seqscore.model.core.features.FeatureParameters;
import io.seqscore.model.core.features.SeasonalChangesFeatures;
import io.seqscore.model.core.train.Batch;
import io.seqscore.trainer.source.RawSeries;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SeriesWindows} of SEASONAL_CHANGES features (FORWARD windows). Rows i = 0..11 at times i, values i², a season of 10, spacing 1, tolerance 0, clip 50: row t looks back to the
 * row at time t + 1 − 10 = t − 9 and its predecessor, which exist from row 10 on.
 */
class SeasonalChangesWindowsTest {
    private static final SeasonalChangesFeatures FEATURES = new SeasonalChangesFeatures(
            new FeatureParameters(SeasonalChangesFeatures.KIND, 10, 1, 0, 320, 50f));

    private static RawSeries squares(int rows) {
        long[] t = new long[rows];
        double[] v = new double[rows];
        for (int i = 0; i < rows; i++) {
            t[i] = i;
            v[i] = (double) i * i;
        }
        return new RawSeries("k", 1, t, v);
    }

    /** The SEASONAL_CHANGES windows of the keys, all scaled by {@code stats}. */
    private static SeriesWindows windows(List<RawSeries> keys, SeriesStatistics stats, WindowShape shape) {
        return SeriesWindows.keys(keys, Collections.nCopies(keys.size(), stats), FEATURES, WindowPlacement.FORWARD, shape);
    }

    @Test
    void shouldBuildEachRowsInputsAsTheScorerDoesAfterItJoinsTheRing() {
        SeriesWindows w = windows(List.of(squares(12)), new SeriesStatistics(0f, 1f, 1), new WindowShape(4, 1, 3, 2));
        float[] x = w.run(0).inputs();
        assertThat(Arrays.copyOfRange(x, 0, 4)).containsExactly(0f, 0f, 0f, 0f);      // first row: no step yet
        assertThat(Arrays.copyOfRange(x, 4, 8)).containsExactly(1f, 0f, 0f, 0f);      // 1 − 0
        assertThat(Arrays.copyOfRange(x, 36, 40)).containsExactly(17f, 0f, 0f, 0f);   // row 9: row 0 has no predecessor
        // row 10: x0 = 100 − 81; L = row 1: x1 = 1 − 0, x2 = 100 − 0 clipped to 50, x3 = 1
        assertThat(Arrays.copyOfRange(x, 40, 44)).containsExactly(19f, 1f, 50f, 1f);
        // row 11: x0 = 121 − 100; L = row 2: x1 = 4 − 1, x2 = 121 − 1 → 50
        assertThat(Arrays.copyOfRange(x, 44, 48)).containsExactly(21f, 3f, 50f, 1f);
    }

    @Test
    void shouldStartWindowsEveryStrideWhileTheirTargetsAreTrainingRows() {
        // T = 4, H = 2: start + 6 ≤ 12 → starts 0, 3, 6
        SeriesWindows w = windows(List.of(squares(12)), new SeriesStatistics(0f, 1f, 1), new WindowShape(4, 1, 3, 2));
        assertThat(w.count()).isEqualTo(3);
        assertThat(new int[] {w.start(0), w.start(1), w.start(2)}).containsExactly(0, 3, 6);
        SeriesWindows two = windows(List.of(squares(12), squares(7)), new SeriesStatistics(0f, 1f, 1), new WindowShape(4, 1, 3, 2));
        assertThat(two.count()).isEqualTo(4);                                          // key 1: start 0 only (0 + 6 ≤ 7)
        assertThat(new int[] {two.runOf(3), two.start(3)}).containsExactly(1, 0);
    }

    @Test
    void shouldFillChangeTargetsInScaledUnitsAndMaskPadding() {
        // μ = 1, σ = 2: z_i = (i² − 1) / 2; window 2 = rows 6..9
        SeriesWindows w = windows(List.of(squares(12)), new SeriesStatistics(1f, 2f, 1), new WindowShape(4, 1, 3, 2));
        Batch b = new Batch(2, 4, 4, 2, 32).burnIn(1);
        Arrays.fill(b.initialState(), 7f);
        w.fill(b, 1, 2, true);
        float[] y = Arrays.copyOfRange(b.targets(), 8, 16);
        // row 6: z7 − z6 = (49 − 36)/2, z8 − z6 = (64 − 36)/2; row 9: z10 − z9 = 19/2, z11 − z9 = 40/2
        assertThat(y).containsExactly(6.5f, 14f, 7.5f, 16f, 8.5f, 18f, 9.5f, 20f);
        // inputs of row 6: x0 = (36 − 25)/2
        assertThat(b.inputs()[16]).isEqualTo(5.5f);
        assertThat(Arrays.copyOfRange(b.mask(), 4, 8)).containsExactly(1f, 1f, 1f, 1f);
        assertThat(Arrays.copyOfRange(b.initialState(), 32, 64)).containsOnly(0f);
        assertThat(Arrays.copyOfRange(b.initialState(), 0, 32)).containsOnly(7f);

        w.fill(b, 0, 0, false);
        assertThat(Arrays.copyOfRange(b.mask(), 0, 4)).containsExactly(0f, 0f, 0f, 0f);
        assertThat(b.lossCount()).isEqualTo(3 * 2);                                   // row 1's 3 trained steps × H
    }
}
