package io.seqscore.app.dashboard;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The arms' windows are the exact differences of consecutive readings of their cumulative counters. */
class ArmWindowsTest {

    private static ArmCounts serving(long scored, long forecasts, long flagged, long values, double absError) {
        return new ArmCounts("m", 1, "serving", scored, forecasts, flagged, values, absError, 0.5 * forecasts);
    }

    private static ArmCounts canary(long scored, long forecasts, long flagged, long values, double absError) {
        return new ArmCounts("m", 2, "canary", scored, forecasts, flagged, values, absError, 0.25 * forecasts);
    }

    @Test
    void shouldDifferenceConsecutiveReadingsIntoWindows() {
        ArmWindows windows = new ArmWindows(1000, 10);
        assertThat(windows.sample(List.of(serving(10, 8, 1, 8, 4.0)), 0)).isTrue();
        assertThat(windows.windows("m", 1, "serving")).as("the first reading is the baseline").isEmpty();
        assertThat(windows.sample(List.of(serving(99, 99, 9, 99, 99.0)), 999)).as("not due").isFalse();

        // the canary appears between the readings: its counters were zero at the previous one
        assertThat(windows.sample(List.of(serving(30, 26, 3, 26, 13.0), canary(5, 4, 1, 8, 1.0)), 1000)).isTrue();
        // a window without forecasts has no MAE and no flag rate
        assertThat(windows.sample(List.of(serving(40, 26, 3, 26, 13.0), canary(9, 8, 1, 16, 3.0)), 2500)).isTrue();

        assertThat(windows.windows("m", 1, "serving")).containsExactly(
                new ArmWindows.Window(2, 0, 1000, 20, 18, 2, 9.0 / 18, 2.0 / 18, 0.5),
                new ArmWindows.Window(3, 1000, 2500, 10, 0, 0, null, null, null));
        assertThat(windows.windows("m", 2, "canary")).containsExactly(
                new ArmWindows.Window(2, 0, 1000, 5, 4, 1, 1.0 / 8, 0.25, 0.25),
                new ArmWindows.Window(3, 1000, 2500, 4, 4, 0, 2.0 / 8, 0.0, 0.25));
        assertThat(windows.readings()).isEqualTo(3);
    }

    @Test
    void shouldListEveryArmInOrderWithAllOrOnlyTheLaterWindows() {
        ArmWindows windows = new ArmWindows(10, 10);
        windows.sample(List.of(canary(0, 0, 0, 0, 0), serving(0, 0, 0, 0, 0)), 0);
        windows.sample(List.of(canary(2, 2, 1, 2, 1.0), serving(4, 4, 0, 4, 2.0)), 10);
        windows.sample(List.of(canary(4, 4, 1, 4, 3.0), serving(8, 8, 2, 8, 4.0)), 20);

        List<DashboardSnapshot.ArmSeries> all = windows.series(0);
        assertThat(all).extracting(DashboardSnapshot.ArmSeries::version, DashboardSnapshot.ArmSeries::role)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, "serving"),
                        org.assertj.core.groups.Tuple.tuple(2L, "canary"));
        assertThat(all.get(0).windows()).containsExactly(new Object[] {2L, 0L, 10L, 4L, 4L, 0L, 0.5, 0.0, 0.5},
                new Object[] {3L, 10L, 20L, 4L, 4L, 2L, 0.5, 0.5, 0.5});
        assertThat(all.get(1).windows()).containsExactly(new Object[] {2L, 0L, 10L, 2L, 2L, 1L, 0.5, 0.5, 0.25},
                new Object[] {3L, 10L, 20L, 2L, 2L, 0L, 1.0, 0.0, 0.25});
        assertThat(windows.series(2).get(0).windows()).containsExactly(
                new Object[] {3L, 10L, 20L, 4L, 4L, 2L, 0.5, 0.5, 0.5});
    }

    @Test
    void shouldKeepTheLatestWindowsOfEachArm() {
        ArmWindows windows = new ArmWindows(1, 2);
        for (int t = 0; t < 5; t++) {
            windows.sample(List.of(serving(t, t, 0, t, t)), t);
        }
        assertThat(windows.windows("m", 1, "serving")).extracting(ArmWindows.Window::n).containsExactly(4L, 5L);
        assertThatThrownBy(() -> new ArmWindows(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** An arm of a model of symbols alone compares no values: no MAE, its mean score (1 − p) is its error. */
    @Test
    void shouldGiveTheMeanScoreOfAnArmOfSymbolsAlone() {
        ArmWindows windows = new ArmWindows(10, 10);
        windows.sample(List.of(new ArmCounts("flows", 2, "shadow", 0, 0, 0, 0, 0.0, 0.0)), 0);
        windows.sample(List.of(new ArmCounts("flows", 2, "shadow", 9, 8, 1, 0, 0.0, 2.0)), 10);
        assertThat(windows.windows("flows", 2, "shadow")).containsExactly(
                new ArmWindows.Window(2, 0, 10, 9, 8, 1, null, 1.0 / 8, 0.25));
    }
}
