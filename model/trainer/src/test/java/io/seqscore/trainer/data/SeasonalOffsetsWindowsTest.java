package io.seqscore.trainer.data;

import io.seqscore.model.core.features.FeatureParameters;
import io.seqscore.model.core.features.SeasonalOffsetsFeatures;
import io.seqscore.model.core.train.Batch;
import io.seqscore.trainer.source.RawSeries;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Period 3 h, spacing 1 h, horizon 2: the anchors of row t are A_0 = t − 2 and A_1 = t − 1 (s = 0: 1 h ahead
 * minus one period; s = 1: 2 h ahead minus one period). Key a = 0,0,2,2,0,2,0,2 (μ 1, σ 1) has
 * z = −1,−1,1,1,−1,1,−1,1; key b = 10,30,10,30,30,10 (μ 20, σ 10) has z = −1,1,−1,1,1,−1.
 */
class SeasonalOffsetsWindowsTest {
    static final long HOUR = 3_600_000L;
    static final SeasonalOffsetsFeatures FEATURES = new SeasonalOffsetsFeatures(
            new FeatureParameters(SeasonalOffsetsFeatures.KIND, 3 * HOUR, HOUR, HOUR / 2, 8, 5f));
    static final WindowShape SHAPE = new WindowShape(4, 1, 2, 2);

    static RawSeries hourly(String key, double... values) {
        long[] t = new long[values.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = 1_000 * HOUR + i * HOUR;
        }
        return new RawSeries(key, 1, t, values);
    }

    static final List<RawSeries> KEYS = List.of(hourly("a", 0, 0, 2, 2, 0, 2, 0, 2), hourly("b", 10, 30, 10, 30, 30, 10));

    /** Each key scaled by its own statistics, as the in-sample job does with PER_KEY. */
    static List<SeriesStatistics> statistics() {
        return KEYS.stream().map(k -> SeriesStatistics.fit(List.of(k))).toList();
    }

    static SeriesWindows windows() {
        return SeriesWindows.keys(KEYS, statistics(), FEATURES, WindowPlacement.BACKWARD, SHAPE);
    }

    @Test
    void shouldNormalizeEachKeyWithItsOwnStatistics() {
        SeriesWindows w = windows();
        List<SeriesStatistics> stats = statistics();
        assertThat(stats.get(0).mean()).isEqualTo(1f);
        assertThat(stats.get(0).std()).isEqualTo(1f);
        assertThat(stats.get(1).mean()).isEqualTo(20f);
        assertThat(stats.get(1).std()).isEqualTo(10f);
        assertThat(w.run(0).z()).containsExactly(-1f, -1f, 1f, 1f, -1f, 1f, -1f, 1f);
        assertThat(w.run(1).z()).containsExactly(-1f, 1f, -1f, 1f, 1f, -1f);
        // b row 3: x0 = z3 − z2 = 2; L = row 1 (3 h + 1 h − 3 h back), L+1 = row 0: x1 = z1 − z0 = 2, x2 = z3 − z0 = 2
        assertThat(Arrays.copyOfRange(w.run(1).inputs(), 3 * 4, 4 * 4)).containsExactly(2f, 2f, 2f, 1f);
        // b row 2: L = row 0 has no predecessor
        assertThat(Arrays.copyOfRange(w.run(1).inputs(), 2 * 4, 3 * 4)).containsExactly(-2f, 0f, 0f, 0f);
    }

    @Test
    void shouldTargetOffsetsFromTheAnchorsAlignedToEachKeysEnd() {
        SeriesWindows w = windows();
        // a (8 rows): starts 8 − 4 − 2 = 2, then 0; b (6 rows): start 0
        assertThat(w.count()).isEqualTo(3);
        assertThat(new int[] {w.runOf(0), w.start(0), w.runOf(1), w.start(1), w.runOf(2), w.start(2)})
                .containsExactly(0, 2, 0, 0, 1, 0);
        assertThat(w.run(0).base()).startsWith(-1f, -1f, -1f, -1f, -1f, -1f);
        assertThat(w.run(0).anchored()[1]).isFalse();
        assertThat(w.run(0).anchored()[2]).isTrue();

        Batch b = new Batch(3, 4, 4, 2, 32).burnIn(1);
        Arrays.fill(b.initialState(), 9f);
        for (int row = 0; row < 3; row++) {
            w.fill(b, row, row, true);
        }
        assertThat(b.targets()).containsExactly(
                // a rows 2..5: y_s = z_{t+1+s} − z_{A_s}
                2f, 0f,    0f, 0f,    0f, -2f,   -2f, 2f,
                // a rows 0..3: row 0 has no anchor (base z_0); row 1 only A_1 = row 0 (s = 0 uses z_1)
                0f, 2f,    2f, 2f,    2f, 0f,    0f, 0f,
                // b rows 0..3
                2f, 0f,    -2f, 2f,   2f, 0f,    0f, 0f);
        assertThat(b.mask()).containsExactly(1f, 1f, 1f, 1f, 0f, 0f, 1f, 1f, 0f, 0f, 1f, 1f);
        assertThat(Arrays.copyOfRange(b.inputs(), 4 * 4, 5 * 4)).containsExactly(Arrays.copyOfRange(w.run(0).inputs(), 0, 4));
        assertThat(b.initialState()).containsOnly(0f);

        w.fill(b, 0, 2, false);
        assertThat(Arrays.copyOfRange(b.mask(), 0, 4)).containsOnly(0f);
    }
}
