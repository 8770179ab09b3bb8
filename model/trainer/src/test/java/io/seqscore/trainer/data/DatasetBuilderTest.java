package io.seqscore.trainer.data;

import io.seqscore.trainer.TrainerException;
import io.seqscore.trainer.source.History;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DatasetBuilderTest {
    private static DatasetOptions options(double fraction, Long split, long gap, NormalizationMode mode) {
        return new DatasetOptions(fraction, split, gap, mode);
    }

    @Test
    void shouldOrderEventsByTimeAndDropLaterDuplicatesOfATime() {
        History h = new History();
        h.add("k", 30, new double[] {3});
        h.add("k", 10, new double[] {1});
        h.add("k", 20, new double[] {2});
        h.add("k", 10, new double[] {99});
        h.add("k", 40, new double[] {4});
        Dataset d = DatasetBuilder.build(h, options(0.25, null, 0, NormalizationMode.NONE));
        PreparedSeries s = d.series().get(0);
        assertThat(s.times()).containsExactly(10L, 20L, 30L, 40L);
        assertThat(s.z()).containsExactly(1f, 2f, 3f, 4f);
        assertThat(d.duplicates()).isEqualTo(1);
        assertThat(s.validationStart()).isEqualTo(3);
        assertThat(d.trainingEvents()).isEqualTo(3);
        assertThat(d.validationEvents()).isEqualTo(1);
        assertThat(d.dataFrom()).isEqualTo(10);
        assertThat(d.dataTo()).isEqualTo(40);
    }

    @Test
    void shouldSplitEachKeyAtItsLatestFractionOrAtASplitTime() {
        History h = new History();
        for (int t = 0; t < 10; t++) {
            h.add("a", t * 10L, new double[] {t});
        }
        for (int t = 0; t < 3; t++) {
            h.add("b", 100 + t, new double[] {t});
        }
        Dataset byFraction = DatasetBuilder.build(h, options(0.2, null, 0, NormalizationMode.NONE));
        assertThat(byFraction.series()).extracting(PreparedSeries::validationStart).containsExactly(8, 2);
        Dataset byTime = DatasetBuilder.build(h, options(0, 55L, 0, NormalizationMode.NONE));
        assertThat(byTime.series()).extracting(PreparedSeries::validationStart).containsExactly(6, 0);
    }

    @Test
    void shouldCutSegmentsAtGapsLongerThanTheReset() {
        History h = new History();
        long[] times = {0, 10, 20, 50, 60, 81, 91};
        for (long t : times) {
            h.add("k", t, new double[] {t});
        }
        PreparedSeries s = DatasetBuilder.build(h, options(0.3, null, 20, NormalizationMode.NONE)).series().get(0);
        assertThat(s.segmentStarts()).containsExactly(0, 3, 5);
        assertThat(s.segmentEnd(2)).isEqualTo(7);
        PreparedSeries never = DatasetBuilder.build(h, options(0.3, null, 0, NormalizationMode.NONE)).series().get(0);
        assertThat(never.segmentStarts()).containsExactly(0);
    }

    @Test
    void shouldFitGlobalStatisticsOnTrainingEventsOnly() {
        History h = new History();
        double[] a = {1, 3, 100};
        double[] b = {5, 7, -100};
        for (int t = 0; t < 3; t++) {
            h.add("a", t, new double[] {a[t], 2 * a[t]});
            h.add("b", t, new double[] {b[t], 10});
        }
        Dataset d = DatasetBuilder.build(h, options(0.3, null, 0, NormalizationMode.GLOBAL));
        var z = d.normalization().global();
        // training values of feature 0: 1, 3, 5, 7 → mean 4, population std √5
        assertThat(z.mean(0)).isEqualTo(4f);
        assertThat(z.std(0)).isCloseTo((float) Math.sqrt(5), within(1e-6f));
        // feature 1: 2, 6, 10, 10 → mean 7, var (25+1+9+9)/4 = 11
        assertThat(z.mean(1)).isEqualTo(7f);
        assertThat(z.std(1)).isCloseTo((float) Math.sqrt(11), within(1e-6f));
        PreparedSeries sa = d.series().get(0);
        assertThat(sa.z(2, 0)).isCloseTo((float) ((100 - 4) / Math.sqrt(5)), within(1e-4f));
    }

    @Test
    void shouldScaleEachKeyByItsOwnStatisticsAndKeepTheMedianKeyAsPrior() {
        History h = new History();
        double[][] v = {{0, 2, 9}, {10, 14, -9}, {1, 1, 1}};
        String[] keys = {"a", "b", "c"};
        for (int k = 0; k < 3; k++) {
            for (int t = 0; t < 3; t++) {
                h.add(keys[k], t, new double[] {v[k][t]});
            }
        }
        Dataset d = DatasetBuilder.build(h, options(0.3, null, 0, NormalizationMode.PER_KEY));
        FittedNormalization n = d.normalization();
        assertThat(n.perKey().keySet()).containsExactly("a", "b", "c");
        assertThat(n.perKey().get("a").mean(0)).isEqualTo(1f);
        assertThat(n.perKey().get("a").std(0)).isEqualTo(1f);
        assertThat(n.perKey().get("b").mean(0)).isEqualTo(12f);
        assertThat(n.perKey().get("b").std(0)).isEqualTo(2f);
        // constant key: σ below MIN_STD becomes 1 (only centred)
        assertThat(n.perKey().get("c").std(0)).isEqualTo(1f);
        // prior: median of means (1, 12, 1) = 1, of stds (1, 2, 1) = 1
        assertThat(n.global().mean(0)).isEqualTo(1f);
        assertThat(n.global().std(0)).isEqualTo(1f);
        assertThat(d.series().get(1).z()).containsExactly(-1f, 1f, -10.5f);
    }

    @Test
    void shouldLeaveOutPerKeyKeysWithoutTrainingEvents() {
        History h = new History();
        for (int t = 0; t < 4; t++) {
            h.add("early", t, new double[] {t});
        }
        h.add("late", 10, new double[] {5});
        Dataset d = DatasetBuilder.build(h, options(0, 2L, 0, NormalizationMode.PER_KEY));
        assertThat(d.series()).extracting(PreparedSeries::key).containsExactly("early");
        assertThat(d.droppedKeys()).isEqualTo(1);
    }

    @Test
    void shouldRefuseHistoriesWithoutTrainingOrValidationEvents() {
        History empty = new History();
        assertThatThrownBy(() -> DatasetBuilder.build(empty, options(0.2, null, 0, NormalizationMode.GLOBAL)))
                .isInstanceOf(TrainerException.class).hasMessage("the history holds no usable event");
        History h = new History();
        h.add("k", 1, new double[] {1});
        h.add("k", 2, new double[] {2});
        assertThatThrownBy(() -> DatasetBuilder.build(h, options(0, 0L, 0, NormalizationMode.NONE)))
                .isInstanceOf(TrainerException.class)
                .hasMessage("no training event: every event falls into validation (check --split-time)");
        assertThatThrownBy(() -> DatasetBuilder.build(h, options(0, 100L, 0, NormalizationMode.NONE)))
                .isInstanceOf(TrainerException.class).hasMessageStartingWith("no validation event: calibration needs some");
    }

    @Test
    void shouldRefuseEventsOfAnotherDimension() {
        History h = new History();
        h.add("k", 1, new double[] {1, 2});
        assertThatThrownBy(() -> h.add("k", 2, new double[] {1}))
                .hasMessage("expected 2 values per event (as the first event had), found 1");
        assertThat(List.of(h.accepted(), (long) h.dimension())).containsExactly(1L, 2L);
    }
}
