package io.seqscore.app.evaluate.m4;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** M4's interval measures by hand. */
class M4IntervalTest {
    /** m = 2: in-sample 1, 3, 2, 4, 3 has seasonal differences 1, 1, 1: scale 1, sd 1. */
    private static final double[] X = {1, 3, 2, 4, 3};

    @Test
    void shouldChargeTheWidthAndFortyTimesEachMissOverTheSeasonalScale() {
        M4Interval interval = new M4Interval();
        // y inside, 0.5 below, 1 above: widths 2, 2, 2; misses 40·0.5 and 40·1
        interval.add(X, new double[] {5, 3.5, 7}, new double[] {4, 4, 4}, new double[] {6, 6, 6}, 2);
        assertThat(interval.msis()).isCloseTo((6 + 20 + 40) / 3.0, within(1e-12));
        assertThat(interval.coverage()).isCloseTo(1 / 3.0, within(1e-12));
    }

    @Test
    void shouldWidenSeasonalNaivesIntervalBySqrtOfTheSeasonsAhead() {
        double[][] b = M4Interval.seasonalNaive(X, 3, 2);
        // forecast 4, 3, 4 (the last season repeated); ± 1.96 · 1 · √1, √1, √2
        assertThat(b[0]).containsExactly(new double[] {4 - 1.96, 3 - 1.96, 4 - 1.96 * Math.sqrt(2)}, within(1e-12));
        assertThat(b[1]).containsExactly(new double[] {4 + 1.96, 3 + 1.96, 4 + 1.96 * Math.sqrt(2)}, within(1e-12));
    }

    @Test
    void shouldPrintTheServedIntervalBesideSeasonalNaives() {
        List<String> lines = M4Interval.lines(List.of(new M4Series("H1", X)), List.of(new double[] {5, 3.5, 7}),
                List.of(new double[] {4, 4, 4}), List.of(new double[] {6, 6, 6}), 2, "test");
        assertThat(lines).hasSize(4);
        assertThat(lines.get(2).split("\\s+")).containsExactly("seqscore", "0.333", "22.000");
        assertThat(lines.get(3)).startsWith("seasonal naive");
    }
}
