package io.seqscore.app.demo;

import io.seqscore.app.dashboard.DashboardSnapshot;
import io.seqscore.app.dashboard.ScoreBoard;
import io.seqscore.app.model.RolloutView;
import io.seqscore.app.testing.Await;
import io.seqscore.schemas.QualityGateMetrics;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole demo on its own broker: v1, live scores, the canary, the promotion, and a clean stop. */
class DemoRunTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @Test
    void shouldSwapEveryKeyFromV1ToV2OnceAndLeaveNothingBehind() throws Exception {
        // 10 ticks a second: a key's 600 points span a minute, enough to still hold its v1 scores
        DemoRun run = new DemoRun(DemoFixtures.fast(10, null, null, Duration.ofSeconds(1), Duration.ofSeconds(2)),
                InstantSource.system());
        Path broker;
        Path state;
        int port;
        try {
            run.start();
            broker = run.brokerDirectory();
            state = run.stateDirectory();
            port = run.httpPort();
            assertThat(broker).isDirectory();
            assertThat(state).isDirectory();

            Await.until(TIMEOUT, "release 3 (v2 promoted) taken up and every key scored by v2",
                    () -> run.registry().hasRelease(DemoRun.MODEL, 3) && everyKeyOn(run, 2L, 6));
            Map<String, List<Object[]>> points = run.board().snapshot(0, new RolloutView(List.of()), 0).points();
            assertThat(points).hasSize(6);
            for (Map.Entry<String, List<Object[]>> e : points.entrySet()) {
                assertThat(versionRuns(e.getValue())).as("model versions of %s, in order", e.getKey())
                        .containsExactly(1L, 2L);
            }
            assertThat(run.registry().rejectedCount()).isZero();
            var gate = QualityGateMetrics.read(run.registry().servingModels().get(DemoRun.MODEL).provenance());
            assertThat(gate).hasValueSatisfying(g -> {
                assertThat(g.heldOut()).isTrue();
                assertThat(g.passed()).as("the served release passed its quality gate: %s", g).isTrue();
            });
            assertThat(run.registry().plan(DemoRun.MODEL).phaseAt(System.currentTimeMillis()).canary()).isNull();
        } finally {
            run.close();
        }
        assertThatTheBoardCountsWhatItHolds(run.board());
        assertThat(broker).doesNotExist();
        assertThat(state).doesNotExist();
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }

    /**
     * The board's tiles count the scores it was fed: as many as it holds points (a short run: no key reached its
     * ring's size), and as many flagged as it holds flagged points. How many the default detector flags on the
     * demo's workload is DemoFlagRateTest's business: in a run this short, usually none or a few.
     */
    private static void assertThatTheBoardCountsWhatItHolds(ScoreBoard board) {
        List<Object[]> held = board.snapshot(0, new RolloutView(List.of()), 0).points().values().stream()
                .flatMap(List::stream).toList();
        assertThat(held).hasSize((int) board.scoredCount());
        assertThat(held.stream().filter(r -> (Integer) r[7] == 1).count()).isEqualTo(board.flaggedCount());
    }

    private static boolean everyKeyOn(DemoRun run, Long version, int keys) {
        DashboardSnapshot s = run.board().snapshot(0, new RolloutView(List.of()), 0);
        return s.keys().size() == keys && s.keys().stream().allMatch(k -> version.equals(k.version()));
    }

    /** The model versions of a key's points with repeats collapsed (null: no model, left out). */
    private static List<Long> versionRuns(List<Object[]> rows) {
        List<Long> out = new ArrayList<>();
        for (Object[] r : rows) {
            Long v = (Long) r[8];
            if (v != null && (out.isEmpty() || !out.get(out.size() - 1).equals(v))) {
                out.add(v);
            }
        }
        return out;
    }

    @Test
    void shouldStopMidTrainingAndDeleteWhatItHadStarted() throws Exception {
        DemoOptions slow = DemoFixtures.fast(null, null, Duration.ofHours(1), Duration.ofHours(1));
        DemoOptions options = new DemoOptions(slow.port(), slow.rate(), slow.keys(), slow.seed(), slow.historyTicks(),
                slow.backlogTicks(), null, slow.csvFormat(), slow.timeZone(), slow.trainFraction(), null, null,
                slow.timeline(), 10_000, slow.dashboardTick());
        DemoRun run = new DemoRun(options, InstantSource.system());
        Throwable[] ended = new Throwable[1];
        Thread starter = new Thread(() -> {
            try {
                run.start();
            } catch (Throwable t) {
                ended[0] = t;
            }
        });
        starter.start();
        Await.until(TIMEOUT, "v1 training has begun", () -> run.board() != null
                && run.board().snapshot(0, new RolloutView(List.of()), 0).stage() != null
                && run.board().snapshot(0, new RolloutView(List.of()), 0).stage().startsWith("Training model v1"));
        Path broker = run.brokerDirectory();
        Path state = run.stateDirectory();
        run.close();
        starter.join(TIMEOUT.toMillis());

        assertThat(starter.isAlive()).isFalse();
        assertThat(ended[0]).isInstanceOf(DemoRun.DemoStopped.class);
        assertThat(broker).doesNotExist();
        assertThat(state).doesNotExist();
        assertThat(run.board().scoredCount()).isZero();
    }
}
