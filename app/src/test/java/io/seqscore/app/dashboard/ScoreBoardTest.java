package io.seqscore.app.dashboard;

import io.seqscore.app.model.RolloutView;
import io.seqscore.avro.NextSymbol;
import io.seqscore.avro.Score;
import io.seqscore.avro.ScoreStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScoreBoardTest {
    private static final RolloutView NO_MODELS = new RolloutView(List.of());

    /** A score of one value: observed y, expected e (null: none), forecast f with interval [lo, hi] (null: none). */
    static Score score(long time, double y, Double e, Double f, Double lo, Double hi, Double anomalyScore, boolean flag,
                       Long version, ScoreStatus status) {
        return Score.newBuilder()
                .setEventTime(Instant.ofEpochMilli(time))
                .setObserved(List.of(y))
                .setStatus(status)
                .setExpected(e == null ? null : new ArrayList<>(List.of(e)))
                .setResidual(e == null ? null : new ArrayList<>(List.of(y - e)))
                .setAnomalyScore(anomalyScore)
                .setAnomaly(flag)
                .setForecast(f == null ? new ArrayList<>() : new ArrayList<>(List.of(f)))
                .setForecastLower(lo == null ? new ArrayList<>() : new ArrayList<>(List.of(lo)))
                .setForecastUpper(hi == null ? new ArrayList<>() : new ArrayList<>(List.of(hi)))
                .setHorizon(f == null ? 0 : 1)
                .setModelName(version == null ? null : "m")
                .setModelVersion(version)
                .setStepsSeen(1)
                .build();
    }

    static Score ok(long time, double y, double e, double f, double halfWidth, double anomalyScore, boolean flag,
                    long version) {
        return score(time, y, e, f, f - halfWidth, f + halfWidth, anomalyScore, flag, version, ScoreStatus.OK);
    }

    @Test
    void shouldGiveEachPointTheIntervalOfTheForecastMadeForIt() {
        ScoreBoard board = new ScoreBoard(10);
        board.accept("k", score(1000, 5.0, null, 5.5, 5.0, 6.0, null, false, 1L, ScoreStatus.WARMING_UP), 0, 0);
        board.accept("k", ok(2000, 5.2, 5.5, 5.4, 0.25, 0.3, false, 1), 0, 0);
        board.accept("k", ok(3000, 9.0, 5.4, 6.0, 0.5, 0.999, true, 1), 0, 0);

        List<Object[]> rows = board.snapshot(0, NO_MODELS, 0).points().get("k");
        assertThat(rows).hasSize(3);
        // [seq, time, observed, forecast, lower, upper, score, anomaly, version, status, symbol, rank, next]
        Object[][] none = new Object[0][];
        assertThat(rows.get(0)).containsExactly(1L, 1000L, 5.0, null, null, null, null, 0, 1L, "WARMING_UP", null, null,
                none);
        assertThat(rows.get(1)).containsExactly(2L, 2000L, 5.2, 5.5, 5.0, 6.0, 0.3, 0, 1L, "OK", null, null, none);
        assertThat(rows.get(2)).containsExactly(3L, 3000L, 9.0, 5.4, 5.15, 5.65, 0.999, 1, 1L, "OK", null, null, none);
    }

    static Score symbol(long time, String symbol, int index, Integer rank, double anomalyScore, boolean flag,
                        List<NextSymbol> next) {
        return Score.newBuilder().setEventTime(Instant.ofEpochMilli(time)).setObserved(List.of((double) index))
                .setStatus(rank == null ? ScoreStatus.WARMING_UP : ScoreStatus.OK).setExpected(null).setResidual(null)
                .setAnomalyScore(rank == null ? null : anomalyScore).setAnomaly(flag).setForecast(new ArrayList<>())
                .setForecastLower(new ArrayList<>()).setForecastUpper(new ArrayList<>()).setHorizon(1)
                .setModelName("m").setModelVersion(1L).setStepsSeen(1).setSymbol(symbol).setSymbolRank(rank)
                .setNextSymbols(next).build();
    }

    @Test
    void shouldCarryEachSymbolItsRankAndTheNextSymbolsPredictedAfterIt() {
        ScoreBoard board = new ScoreBoard(10);
        board.accept("s", symbol(1000, "login", 1, null, 0, false, List.of(new NextSymbol("browse", 0.6),
                new NextSymbol("search", 0.39), new NextSymbol(null, 0.01))), 0, 0);
        board.accept("s", symbol(2000, "pay", 7, 9, 0.9999, true, List.of(new NextSymbol("confirm", 0.9))), 0, 0);
        List<Object[]> rows = board.snapshot(0, NO_MODELS, 0).points().get("s");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsExactly(1L, 1000L, 1.0, null, null, null, null, 0, 1L, "WARMING_UP", "login",
                null, new Object[][] {{"browse", 0.6}, {"search", 0.39}, {null, 0.01}});
        assertThat(rows.get(1)).containsExactly(2L, 2000L, 7.0, null, null, null, 0.9999, 1, 1L, "OK", "pay", 9,
                new Object[][] {{"confirm", 0.9}});
    }

    @Test
    void shouldDropTheKeyScoredLeastRecentlyBeyondItsKeys() {
        ScoreBoard board = new ScoreBoard(4, 2);
        board.accept("a", ok(1000, 1, 1, 1, 0.5, 0.1, false, 1), 0, 0);
        board.accept("b", ok(1000, 1, 1, 1, 0.5, 0.1, false, 1), 0, 0);
        board.accept("a", ok(2000, 1, 1, 1, 0.5, 0.1, false, 1), 0, 0);
        board.accept("c", ok(2000, 1, 1, 1, 0.5, 0.1, false, 1), 0, 0);
        DashboardSnapshot s = board.snapshot(0, NO_MODELS, 0);
        assertThat(s.points().keySet()).containsExactlyInAnyOrder("a", "c");
        assertThat(s.keys()).extracting(DashboardSnapshot.KeyRow::key).containsExactlyInAnyOrder("a", "c");
        assertThat(board.scoredCount()).isEqualTo(4);
    }

    @Test
    void shouldDrawNoIntervalWhereTheModelVersionChanged() {
        ScoreBoard board = new ScoreBoard(10);
        board.accept("k", ok(1000, 5.0, 5.0, 5.5, 0.5, 0.1, false, 1), 0, 0);
        board.accept("k", score(2000, 5.4, 5.3, 5.6, 5.1, 6.1, 0.2, false, 2L, ScoreStatus.REWARMED), 0, 0);
        board.accept("k", ok(3000, 5.5, 5.6, 5.7, 0.5, 0.2, false, 2), 0, 0);

        List<Object[]> rows = board.snapshot(0, NO_MODELS, 0).points().get("k");
        assertThat(rows.get(1)[3]).isEqualTo(5.3);
        assertThat(rows.get(1)[4]).isNull();
        assertThat(rows.get(1)[5]).isNull();
        assertThat(rows.get(2)[4]).isEqualTo(5.1);
        assertThat(rows.get(2)[5]).isEqualTo(6.1);
    }

    @Test
    void shouldKeepOnlyTheLatestPointsOfAKey() {
        ScoreBoard board = new ScoreBoard(3);
        for (int i = 1; i <= 5; i++) {
            board.accept("k", ok(i * 1000L, i, i, i, 1, 0.1, false, 1), 0, 0);
        }
        List<Object[]> rows = board.snapshot(0, NO_MODELS, 0).points().get("k");
        assertThat(rows).extracting(r -> r[0]).containsExactly(3L, 4L, 5L);
        assertThat(board.seq()).isEqualTo(5);
        assertThat(board.scoredCount()).isEqualTo(5);
    }

    @Test
    void shouldSendOnlyThePointsAfterTheReadersSequenceNumber() {
        ScoreBoard board = new ScoreBoard(10);
        board.accept("a", ok(1000, 1, 1, 1, 1, 0.1, false, 1), 0, 0);
        board.accept("b", ok(1000, 2, 2, 2, 1, 0.1, false, 1), 0, 0);
        DashboardSnapshot first = board.snapshot(0, NO_MODELS, 0);
        board.accept("b", ok(2000, 3, 3, 3, 1, 0.1, false, 1), 0, 0);
        DashboardSnapshot second = board.snapshot(first.seq(), NO_MODELS, 0);

        assertThat(first.full()).isTrue();
        assertThat(first.seq()).isEqualTo(2);
        assertThat(second.full()).isFalse();
        assertThat(second.seq()).isEqualTo(3);
        assertThat(second.points()).containsOnlyKeys("b");
        assertThat(second.points().get("b")).extracting(r -> r[0]).containsExactly(3L);
        assertThat(board.snapshot(second.seq(), NO_MODELS, 0).points()).isEmpty();
    }

    @Test
    void shouldRankKeysByTheirHighestRecentAnomalyScore() {
        ScoreBoard board = new ScoreBoard(100);
        board.accept("calm", ok(1000, 1, 1, 1, 1, 0.20, false, 1), 0, 0);
        board.accept("hot", ok(1000, 1, 1, 1, 1, 0.9999, true, 1), 0, 0);
        board.accept("warm", ok(1000, 1, 1, 1, 1, 0.95, false, 1), 0, 0);
        // an old spike of "calm" falls out of the recent window
        for (int i = 0; i < ScoreBoard.RECENT_POINTS; i++) {
            board.accept("old", ok(2000 + i, 1, 1, 1, 1, i == 0 ? 1.0 : 0.1, i == 0, 1), 0, 0);
        }
        board.accept("old", ok(9000, 1, 1, 1, 1, 0.1, false, 1), 0, 0);

        List<DashboardSnapshot.KeyRow> rows = board.snapshot(0, NO_MODELS, 0).keys();
        assertThat(rows).extracting(DashboardSnapshot.KeyRow::key).containsExactly("hot", "warm", "calm", "old");
        assertThat(rows.get(0).recentFlags()).isEqualTo(1);
        assertThat(rows.get(3).recentScore()).isEqualTo(0.1);
        assertThat(rows.get(3).flags()).isEqualTo(1);
        assertThat(rows.get(3).recentFlags()).isZero();
    }

    @Test
    void shouldReportRateLatencyAndCounts() {
        ScoreBoard board = new ScoreBoard(10);
        // 10 scores read in second 100, 5 in second 101, produced 40 ms (x9), 50 ms (x5) and 1000 ms (x1) earlier
        for (int i = 0; i < 10; i++) {
            board.accept("k", ok(i, 1, 1, 1, 1, 0.1, i == 0, 1), 100_000 - (i == 9 ? 1000 : 40), 100_000);
        }
        for (int i = 0; i < 5; i++) {
            board.accept("j", ok(i, 1, 1, 1, 1, 0.1, false, 1), 101_500 - 50, 101_500);
        }
        DashboardSnapshot.Tiles tiles = board.snapshot(0, NO_MODELS, 102_000).tiles();
        assertThat(tiles.eventsPerSecond()).isEqualTo(15.0 / ScoreBoard.RATE_WINDOW_SECONDS);
        assertThat(tiles.latencyP50Ms()).isEqualTo(40L);
        assertThat(tiles.latencyP99Ms()).isEqualTo(1000L);
        assertThat(tiles.scored()).isEqualTo(15);
        assertThat(tiles.flagged()).isEqualTo(1);
        assertThat(tiles.keys()).isEqualTo(2);
    }

    @Test
    void shouldKeepTheLatestNotesAndTheStage() {
        ScoreBoard board = new ScoreBoard(10);
        for (int i = 0; i < ScoreBoard.MAX_NOTES + 2; i++) {
            board.note(i, "note " + i);
        }
        board.stage("training v2");
        DashboardSnapshot s = board.snapshot(0, NO_MODELS, 0);
        assertThat(s.notes()).hasSize(ScoreBoard.MAX_NOTES);
        assertThat(s.notes().get(0).text()).isEqualTo("note 2");
        assertThat(s.stage()).isEqualTo("training v2");
    }

    @Test
    void shouldRejectAnEmptyRing() {
        assertThatThrownBy(() -> new ScoreBoard(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
