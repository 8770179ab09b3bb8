package io.seqscore.app.demo;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class WorkflowGeneratorTest {
    private static final WorkflowGenerator GENERATOR = new WorkflowGenerator(42, 0.3);

    @Test
    void shouldGiveTheSameSessionsForTheSameSeedAndIndex() {
        WorkflowGenerator again = new WorkflowGenerator(42, 0.3);
        WorkflowGenerator other = new WorkflowGenerator(43, 0.3);
        List<WorkflowSession> a = new ArrayList<>();
        List<WorkflowSession> b = new ArrayList<>();
        List<WorkflowSession> c = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            a.add(GENERATOR.session("order", i));
            b.add(again.session("order", i));
            c.add(other.session("order", i));
        }
        assertThat(b).isEqualTo(a);
        assertThat(c).isNotEqualTo(a);
        assertThat(a.get(7).key()).isEqualTo("order-00007");
        // a session depends on its index only, not on which were asked for before
        assertThat(new WorkflowGenerator(42, 0.3).session("order", 31)).isEqualTo(a.get(31));
    }

    @Test
    void shouldGenerateNormalSessionsThatFollowTheWorkflowWithItsBranches() {
        Set<List<String>> distinct = new HashSet<>();
        for (int i = 0; i < 400; i++) {
            WorkflowSession s = GENERATOR.normal("train", i);
            assertThat(s.anomalous()).isFalse();
            assertThat(WorkflowGenerator.departure(s.symbols())).as("%s", s.symbols()).isZero();
            assertThat(s.symbols().get(0)).isEqualTo("login");
            assertThat(s.symbols().get(s.symbols().size() - 1)).isEqualTo("logout");
            assertThat(s.symbols()).containsSubsequence("add-to-cart", "checkout", "pay", "confirm");
            distinct.add(s.symbols());
        }
        // 2 entries x 1-3 item views x coupon or not x 2 addresses
        assertThat(distinct).hasSize(24);
    }

    @Test
    void shouldInjectEachKindOfAnomalyWhereItSays() {
        Map<WorkflowAnomaly, Integer> kinds = new EnumMap<>(WorkflowAnomaly.class);
        int anomalous = 0;
        int n = 3000;
        for (int i = 0; i < n; i++) {
            WorkflowSession s = GENERATOR.session("order", i);
            if (!s.anomalous()) {
                assertThat(WorkflowGenerator.departure(s.symbols())).isZero();
                continue;
            }
            anomalous++;
            kinds.merge(s.anomaly(), 1, Integer::sum);
            int at = s.anomalyAt();
            assertThat(at).as("%s", s).isGreaterThan(1).isEqualTo(WorkflowGenerator.departure(s.symbols()));
            // the session up to the event before the anomaly is the beginning of a normal one
            assertThat(WorkflowGenerator.departure(s.symbols().subList(0, at - 1))).isZero();
            switch (s.anomaly()) {
                case UNKNOWN_STEP -> assertThat(s.symbols().get(at - 1)).isEqualTo(WorkflowGenerator.UNKNOWN_STEP);
                case SKIPPED_STEP -> assertThat(WorkflowGenerator.steps()).containsAll(s.symbols());
                case WRONG_ORDER -> assertThat(s.symbols()).doesNotContain(WorkflowGenerator.UNKNOWN_STEP);
                default -> throw new AssertionError(s);
            }
        }
        assertThat(anomalous).isBetween((int) (0.27 * n), (int) (0.33 * n));
        assertThat(kinds.keySet()).containsExactlyInAnyOrder(WorkflowAnomaly.values());
        int quarter = anomalous / 4;
        assertThat(kinds.values()).allSatisfy(k -> assertThat(k).isGreaterThan(quarter));
    }

    @Test
    void shouldMarkTheEventWhereASwapFirstShows() {
        List<String> normal = List.of("login", "browse", "view-item", "view-item", "add-to-cart", "apply-coupon",
                "checkout", "saved-address", "pay", "confirm", "logout");
        for (long seed = 0; seed < 200; seed++) {
            WorkflowSession s = WorkflowGenerator.inject("k", normal, WorkflowAnomaly.WRONG_ORDER,
                    new SplittableRandom(seed));
            int swapped = 0;
            while (s.symbols().get(swapped).equals(normal.get(swapped))) {
                swapped++;
            }
            // apply-coupon is optional and view-item repeats: their successor still fits in their place
            String moved = normal.get(swapped);
            boolean showsLater = moved.equals("apply-coupon") || moved.equals("view-item") && swapped == 3;
            assertThat(s.anomalyAt()).as("%s", s.symbols()).isEqualTo(swapped + (showsLater ? 2 : 1));
        }
        WorkflowSession skipped = WorkflowGenerator.inject("k", normal, WorkflowAnomaly.SKIPPED_STEP,
                new SplittableRandom(1));
        assertThat(skipped.symbols()).hasSize(normal.size() - 1);
        assertThat(skipped.symbols().get(skipped.anomalyAt() - 2)).isEqualTo(normal.get(skipped.anomalyAt() - 2));
    }
}
