package io.seqscore.trainer.generate;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SyntheticWorkloadTest {
    /** max − min of sin x + ½ sin 2x: the extremes are at cos x = ½, ±(√3/2 + √3/4) = ±3√3/4. */
    private static final double SEASON_RANGE = 3 * Math.sqrt(3) / 2;
    private static final WorkloadSpec DEMO = WorkloadSpec.demo();
    private static final long START = 28_800_000L;

    private static SyntheticWorkload workload(WorkloadSpec.Builder b) {
        return new SyntheticWorkload(b.build());
    }

    @Test
    void shouldRepeatEachSeasonExactlyWithoutNoiseTrendAndAnomalies() {
        SyntheticWorkload w = workload(WorkloadSpec.builder().keys(3).noise(0).trend(0).anomalyProbability(0));
        for (int k = 0; k < 3; k++) {
            for (long n = START; n < START + 500; n++) {
                assertThat(w.value(k, n + 60)).isEqualTo(w.value(k, n));
                assertThat(w.value(k, n)).isEqualTo(w.expected(k, n));
            }
        }
    }

    @Test
    void shouldCenterEachSeasonOnTheKeysLevelWithAmplitudeTimesTheRangeOfTheTwoHarmonics() {
        int period = 20_000;
        SyntheticWorkload w = workload(WorkloadSpec.builder().keys(4).period(period).noise(0).trend(0)
                .anomalyProbability(0).anomalyBlock(100));
        for (int k = 0; k < 4; k++) {
            KeyProfile p = KeyProfile.draw(w.spec(), k);
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (long n = START; n < START + period; n++) {
                double v = w.value(k, n);
                sum += v;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            assertThat(sum / period).isCloseTo(p.level(), within(1e-9));
            assertThat(max - min).isCloseTo(SEASON_RANGE * p.amplitude(), within(1e-6 * p.amplitude()));
            assertThat(p.level()).isBetween(10.0, 100.0);
            assertThat(p.amplitude()).isBetween(2.0, 10.0);
        }
    }

    @Test
    void shouldDriftTheSeasonalMeanByTwiceTheTrendAmplitudeOverOneTrendCycle() {
        SyntheticWorkload w = workload(WorkloadSpec.builder().keys(2).noise(0).trend(0.5).trendCycle(40)
                .anomalyProbability(0));
        for (int k = 0; k < 2; k++) {
            KeyProfile p = KeyProfile.draw(w.spec(), k);
            double lowest = Double.POSITIVE_INFINITY;
            double highest = Double.NEGATIVE_INFINITY;
            for (int season = 0; season < 40; season++) {
                double sum = 0;
                for (int s = 0; s < 60; s++) {
                    sum += w.value(k, 60L * season + s);
                }
                lowest = Math.min(lowest, sum / 60);
                highest = Math.max(highest, sum / 60);
            }
            // season means sample the slow sine (period 40 seasons) averaged over 1/40 of its cycle
            assertThat(highest - lowest).isCloseTo(2 * 0.5 * p.amplitude(), within(0.02 * p.amplitude()));
            assertThat(w.value(k, 1234)).isEqualTo(w.value(k, 1234 + 60L * 40));
        }
    }

    @Test
    void shouldAddGaussianNoiseOfTheStatedSigma() {
        SyntheticWorkload w = workload(WorkloadSpec.builder().keys(2).noise(0.1).anomalyProbability(0));
        for (int k = 0; k < 2; k++) {
            int count = 40_000;
            double sum = 0;
            double squares = 0;
            for (long n = START; n < START + count; n++) {
                double r = w.value(k, n) - w.expected(k, n);
                sum += r;
                squares += r * r;
            }
            double sigma = w.noiseSigma(k);
            assertThat(sigma).isCloseTo(0.1 * KeyProfile.draw(w.spec(), k).amplitude(), within(1e-12));
            assertThat(sum / count).isCloseTo(0, within(4 * sigma / Math.sqrt(count)));
            assertThat(Math.sqrt(squares / count)).isCloseTo(sigma, within(0.02 * sigma));
        }
    }

    @Test
    void shouldGiveTheSameValuesForTheSameSeedInAnyOrderAndOtherValuesForAnotherSeed() {
        SyntheticWorkload a = new SyntheticWorkload(DEMO);
        SyntheticWorkload b = new SyntheticWorkload(WorkloadSpec.demo());
        SyntheticWorkload other = workload(WorkloadSpec.builder().seed(43));
        double[] forward = new double[2000];
        for (int i = 0; i < forward.length; i++) {
            forward[i] = a.value(i % DEMO.keys(), START + i / DEMO.keys());
        }
        int differing = 0;
        for (int i = forward.length - 1; i >= 0; i--) {
            assertThat(b.value(i % DEMO.keys(), START + i / DEMO.keys())).isEqualTo(forward[i]);
            differing += other.value(i % DEMO.keys(), START + i / DEMO.keys()) != forward[i] ? 1 : 0;
        }
        assertThat(differing).isEqualTo(forward.length);
        assertThat(b.anomalies(START, START + 10_000)).isEqualTo(a.anomalies(START, START + 10_000))
                .isNotEqualTo(other.anomalies(START, START + 10_000));
    }

    @Test
    void shouldChangeTheSeriesExactlyAsEachInjectedAnomalyStates() {
        WorkloadSpec spec = WorkloadSpec.builder().keys(6).anomalyProbability(0.7).build();
        SyntheticWorkload w = new SyntheticWorkload(spec);
        SyntheticWorkload twin = workload(WorkloadSpec.builder().keys(6).anomalyProbability(0));
        long from = START;
        long to = START + 100L * spec.anomalyBlock();
        Set<AnomalyKind> seen = EnumSet.noneOf(AnomalyKind.class);
        for (int k = 0; k < spec.keys(); k++) {
            List<InjectedAnomaly> anomalies = w.anomalies(k, from, to);
            double sigma = w.noiseSigma(k);
            for (InjectedAnomaly a : anomalies) {
                seen.add(a.kind());
                assertThat(a.key()).isEqualTo(spec.key(k));
                for (long n = a.start(); n < a.end(); n++) {
                    assertThat(w.anomalyAt(k, n)).isEqualTo(a);
                    double v = w.value(k, n);
                    switch (a.kind()) {
                        case SPIKE -> {
                            assertThat(a.length()).isEqualTo(1);
                            assertThat(Math.abs(a.magnitude())).isCloseTo(8 * sigma, within(1e-12));
                            assertThat(v - twin.value(k, n)).isCloseTo(a.magnitude(), within(1e-9));
                        }
                        case LEVEL_SHIFT -> {
                            assertThat(Math.abs(a.magnitude())).isCloseTo(6 * sigma, within(1e-12));
                            assertThat(v - twin.value(k, n)).isCloseTo(a.magnitude(), within(1e-9));
                        }
                        case VARIANCE_CHANGE -> {
                            assertThat(a.magnitude()).isEqualTo(5.0);
                            assertThat(v - w.expected(k, n))
                                    .isCloseTo(5 * (twin.value(k, n) - w.expected(k, n)), within(1e-9));
                        }
                        case FROZEN -> {
                            assertThat(v).isEqualTo(a.magnitude()).isEqualTo(w.value(k, a.start() - 1))
                                    .isEqualTo(twin.value(k, a.start() - 1));
                        }
                    }
                }
                if (a.kind() != AnomalyKind.SPIKE) {
                    assertThat(a.length()).isBetween(spec.minEpisode(), spec.maxEpisode());
                }
            }
            for (long n = from; n < to; n++) {
                if (w.anomalyAt(k, n) == null) {
                    assertThat(w.value(k, n)).isEqualTo(twin.value(k, n));
                }
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(AnomalyKind.values());
    }

    @Test
    void shouldScheduleAtMostOneAnomalyPerKeyAndBlockAwayFromTheBlockEdgesAtTheStatedRate() {
        WorkloadSpec spec = WorkloadSpec.builder().keys(10).anomalyProbability(0.3).build();
        SyntheticWorkload w = new SyntheticWorkload(spec);
        int blocks = 400;
        long from = 1000L * spec.anomalyBlock();
        List<InjectedAnomaly> all = w.anomalies(from, from + (long) blocks * spec.anomalyBlock());
        Set<String> keyBlocks = new HashSet<>();
        for (InjectedAnomaly a : all) {
            long block = Math.floorDiv(a.start(), spec.anomalyBlock());
            assertThat(keyBlocks.add(a.key() + "@" + block)).as("one per key and block").isTrue();
            assertThat(a.start()).isGreaterThan(block * spec.anomalyBlock());
            assertThat(a.end()).isLessThan((block + 1) * spec.anomalyBlock());
        }
        double expected = 0.3 * spec.keys() * blocks;
        double sd = Math.sqrt(spec.keys() * blocks * 0.3 * 0.7);
        assertThat((double) all.size()).isCloseTo(expected, within(4 * sd));
        for (int i = 1; i < all.size(); i++) {
            InjectedAnomaly prev = all.get(i - 1);
            InjectedAnomaly next = all.get(i);
            assertThat(next.start() > prev.start()
                    || next.start() == prev.start() && next.key().compareTo(prev.key()) > 0).isTrue();
        }
        for (AnomalyKind kind : AnomalyKind.values()) {
            long count = all.stream().filter(a -> a.kind() == kind).count();
            assertThat((double) count).isCloseTo(all.size() / 4.0, within(4 * Math.sqrt(all.size() * 3 / 16.0)));
        }
    }

    @Test
    void shouldListTheAnomaliesThatTouchTheRangeIncludingOnesThatStartBeforeIt() {
        SyntheticWorkload w = workload(WorkloadSpec.builder().keys(3).anomalyProbability(1)
                .kinds(List.of(AnomalyKind.LEVEL_SHIFT)));
        InjectedAnomaly first = w.anomalies(0, START, START + 240).get(0);
        long inside = first.start() + 1;
        assertThat(w.anomalies(0, inside, inside + 1)).containsExactly(first);
        assertThat(w.anomalies(0, first.end(), first.end())).isEmpty();
        assertThat(w.anomalies(0, first.start() - 1, first.start())).isEmpty();
        List<InjectedAnomaly> onlyKind = new ArrayList<>(w.anomalies(START, START + 2400));
        assertThat(onlyKind).hasSize(3 * 10).allMatch(a -> a.kind() == AnomalyKind.LEVEL_SHIFT);
    }

    @Test
    void shouldNameKeysWithZeroPaddedIndices() {
        assertThat(new SyntheticWorkload(DEMO).key(0)).isEqualTo("sensor-00");
        assertThat(new SyntheticWorkload(DEMO).key(23)).isEqualTo("sensor-23");
        assertThat(WorkloadSpec.builder().keys(1).build().key(0)).isEqualTo("sensor-0");
        assertThat(WorkloadSpec.builder().keys(101).keyPrefix("m").build().key(7)).isEqualTo("m007");
    }

    @Test
    void shouldMapStepsToEventTimesAndBack() {
        SyntheticWorkload w = new SyntheticWorkload(DEMO);
        assertThat(w.eventTime(1_700_000_000L)).isEqualTo(1_700_000_000_000L);
        assertThat(w.firstStepAtOrAfter(0)).isZero();
        assertThat(w.firstStepAtOrAfter(1)).isEqualTo(1);
        assertThat(w.firstStepAtOrAfter(1000)).isEqualTo(1);
        assertThat(w.firstStepAtOrAfter(1001)).isEqualTo(2);
        assertThat(w.firstStepAtOrAfter(-1)).isZero();
        assertThat(w.firstStepAtOrAfter(-1000)).isEqualTo(-1);
    }

    @Test
    void shouldRejectSpecsThatCannotHoldTheirAnomalies() {
        assertThatThrownBy(() -> WorkloadSpec.builder().anomalyBlock(46).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the anomaly block (46 steps) must exceed the longest episode by 2");
        assertThatThrownBy(() -> WorkloadSpec.builder().kinds(List.of()).build())
                .hasMessage("at least one anomaly kind is needed");
        assertThatThrownBy(() -> WorkloadSpec.builder().episodes(10, 5).build())
                .hasMessage("episode lengths must satisfy 1 <= min <= max, got 10..5");
        assertThatThrownBy(() -> WorkloadSpec.builder().period(1).build())
                .hasMessage("period must be >= 2 steps, got 1");
        assertThat(WorkloadSpec.builder().anomalyBlock(47).build().anomalyBlock()).isEqualTo(47);
    }
}
