package io.seqscore.model.core.anomaly;

import io.seqscore.model.core.features.EventRing;
import io.seqscore.model.core.features.SymbolFeatures;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class NextSymbolDetectorTest {
    private static final float[] FORECAST = {0.05f, 0.5f, 0.3f, 0.1f, 0.05f};

    static DetectorSettings settings(int topG, double threshold) {
        return settings(topG, threshold, true, "auto");
    }

    static DetectorSettings settings(int topG, double threshold, boolean transitions, String scope) {
        return new DetectorSettings() {
            @Override
            public double getDouble(String name) {
                if (name.equals("threshold")) {
                    return threshold;
                }
                throw new IllegalArgumentException(name);
            }

            @Override
            public int getInt(String name) {
                if (name.equals("next-symbol.top-g")) {
                    return topG;
                }
                throw new IllegalArgumentException(name);
            }

            @Override
            public long getLong(String name) {
                throw new IllegalArgumentException(name);
            }

            @Override
            public String getString(String name) {
                if (name.equals("next-symbol.threshold-scope")) {
                    return scope;
                }
                throw new IllegalArgumentException(name);
            }

            @Override
            public boolean getBoolean(String name) {
                if (name.equals("next-symbol.transitions")) {
                    return transitions;
                }
                throw new IllegalArgumentException(name);
            }

            @Override
            public List<Integer> getIntList(String name) {
                throw new IllegalArgumentException(name);
            }
        };
    }

    private static DetectorEvent event(int symbol, float[] forecast, double releaseThreshold) {
        DetectorEvent e = new DetectorEvent();
        e.values = 1;
        e.dims = 5;
        e.observed = new double[] {symbol};
        e.forecast = forecast;
        e.calibration = new ResidualCalibration(new double[] {0}, new double[] {1}, ResidualCalibration.Statistic.MAX_ABS,
                new double[0], releaseThreshold, 0.9, new double[] {-1}, new double[] {1}, 0);
        return e;
    }

    @Test
    void shouldScoreOneMinusTheProbabilityAndRankTheObservedSymbol() {
        NextSymbolDetector d = new NextSymbolDetector(settings(2, Double.NaN));
        double score = d.update(null, event(3, FORECAST, 0.99), Detector.Mode.LIVE);
        assertThat(score).isCloseTo(0.9, within(1e-6));
        assertThat(d.lastRank()).isEqualTo(3);
        assertThat(d.lastProbability()).isCloseTo(0.1, within(1e-6));
    }

    /** Whether d flags the live event of this symbol after this forecast. */
    private static boolean flagged(NextSymbolDetector d, int symbol, float[] forecast, double releaseThreshold) {
        DetectorEvent e = event(symbol, forecast, releaseThreshold);
        return d.flags(d.update(null, e, Detector.Mode.LIVE), e);
    }

    @Test
    void shouldFlagARankBeyondTopG() {
        NextSymbolDetector d = new NextSymbolDetector(settings(2, Double.NaN));
        assertThat(flagged(d, 2, FORECAST, 0.99)).isFalse();
        assertThat(flagged(d, 3, FORECAST, 0.99)).isTrue();
    }

    @Test
    void shouldFlagBySurprisalThresholdWhenTopGIsZero() {
        NextSymbolDetector release = new NextSymbolDetector(settings(0, Double.NaN));
        assertThat(flagged(release, 2, FORECAST, 0.6)).isTrue();
        assertThat(flagged(release, 1, FORECAST, 0.6)).isFalse();
        NextSymbolDetector overridden = new NextSymbolDetector(settings(0, 0.8));
        assertThat(flagged(overridden, 2, FORECAST, 0.6)).isFalse();
    }

    @Test
    void shouldFlagAnUnknownSymbolEvenWithoutAForecast() {
        NextSymbolDetector d = new NextSymbolDetector(settings(4, Double.NaN));
        DetectorEvent first = event(0, null, 0.99);
        double score = d.update(null, first, Detector.Mode.LIVE);
        assertThat(score).isNaN();
        assertThat(d.flags(score, first)).isTrue();
        assertThat(flagged(d, 1, null, 0.99)).isFalse();
        assertThat(flagged(d, 0, FORECAST, 0.99)).isTrue();
    }

    @Test
    void shouldBeRegisteredAndRejectANegativeG() {
        assertThat(Detectors.create(NextSymbolDetector.NAME, settings(9, Double.NaN))).isInstanceOf(NextSymbolDetector.class);
        assertThatThrownBy(() -> new NextSymbolDetector(settings(-1, Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("top-g");
    }

    @Test
    void shouldRankTiesAsTheBestOfThem() {
        assertThat(NextSymbolDetector.rank(FORECAST, 5, 0)).isEqualTo(4);
        assertThat(NextSymbolDetector.rank(FORECAST, 5, 4)).isEqualTo(4);
        assertThat(NextSymbolDetector.rank(FORECAST, 5, 1)).isEqualTo(1);
        assertThat(SymbolFeatures.KIND).isEqualTo("SYMBOLS");
    }

    /** Symbols a, b (V = 3 with the unknown slot) and one value: forecast p = (0.1, 0.7, 0.2) and the value 10. */
    private static DetectorEvent mixed(int symbol, double value, double releaseThreshold) {
        DetectorEvent e = new DetectorEvent();
        e.values = 2;
        e.dims = 4;
        e.observed = new double[] {symbol, value};
        e.forecast = new float[] {0.1f, 0.7f, 0.2f, 10f};
        e.mu = new float[] {0f, 0f};
        e.sigma = new float[] {1f, 2f};
        e.calibration = new ResidualCalibration(new double[] {0, 0, 0, 0}, new double[] {1, 1, 1, 1},
                ResidualCalibration.Statistic.MAX_ABS, new double[0], releaseThreshold, 0.9,
                new double[] {0, 0, 0, -1}, new double[] {0, 0, 0, 1}, 0);
        return e;
    }

    @Test
    void shouldScoreTheWorseOfSymbolAndValuesAndFlagEither() {
        NextSymbolDetector d = new NextSymbolDetector(settings(0, Double.NaN));
        DetectorEvent likely = mixed(1, 10.5, 0.95);
        double s = d.update(null, likely, Detector.Mode.LIVE);
        assertThat(d.lastRank()).isEqualTo(1);
        assertThat(d.lastValueScore()).isCloseTo(AnomalyScorer.erf(0.25 * Math.sqrt(0.5)), within(1e-12));
        assertThat(s).isCloseTo(1 - 0.7f, within(1e-6));
        assertThat(d.flags(s, likely)).isFalse();

        DetectorEvent offValue = mixed(1, 16, 0.95);
        s = d.update(null, offValue, Detector.Mode.LIVE);
        assertThat(s).isEqualTo(d.lastValueScore()).isCloseTo(AnomalyScorer.erf(3 * Math.sqrt(0.5)), within(1e-12));
        assertThat(d.flags(s, offValue)).as("a value 3σ off").isTrue();

        DetectorEvent offSymbol = mixed(0, 10, 0.85);
        s = d.update(null, offSymbol, Detector.Mode.LIVE);
        assertThat(d.flags(s, offSymbol)).as("the unknown symbol").isTrue();
        DetectorEvent rare = mixed(2, 10, 0.75);
        s = d.update(null, rare, Detector.Mode.LIVE);
        assertThat(s).isCloseTo(0.8, within(1e-6));
        assertThat(d.flags(s, rare)).as("p = 0.2 under threshold 0.75").isTrue();

        NextSymbolDetector byRank = new NextSymbolDetector(settings(1, Double.NaN));
        s = byRank.update(null, rare, Detector.Mode.LIVE);
        assertThat(byRank.lastRank()).isEqualTo(2);
        assertThat(byRank.flags(s, rare)).as("rank 2 > g = 1").isTrue();
        DetectorEvent first = mixed(1, 16, 0.95);
        s = byRank.update(null, first, Detector.Mode.LIVE);
        assertThat(byRank.flags(s, first)).as("rank 1, but the value's score beyond the threshold").isTrue();
    }

    /** V = 5 (FORECAST's): start → 1 → 2 → 3 → 4, 4 the end symbol, and 1 → 3. */
    private static final SymbolTransitions TABLE = new SymbolTransitions.Builder(5).addSession(new int[] {1, 2, 3, 4})
            .add(1, 3).build();

    /** The live event of {@code symbol} after {@code previous} (START: the key's first event) under a release of TABLE. */
    private static DetectorEvent after(int previous, int symbol, float[] forecast, double releaseThreshold) {
        DetectorEvent e = event(symbol, forecast, releaseThreshold);
        EventRing ring = new EventRing(2);
        if (previous != SymbolTransitions.START) {
            ring.add(0, previous);
        }
        e.before = ring;
        e.transitions = TABLE;
        e.endSymbol = 4;
        return e;
    }

    private static boolean flagged(NextSymbolDetector d, DetectorEvent e) {
        return d.flags(d.update(null, e, Detector.Mode.LIVE), e);
    }

    @Test
    void shouldFlagATransitionTheReleaseNeverSawAndNotASeenOne() {
        NextSymbolDetector d = new NextSymbolDetector(settings(0, Double.NaN));
        assertThat(d.historySize()).isEqualTo(1);
        assertThat(flagged(d, after(1, 2, FORECAST, 0.99))).as("1 -> 2 seen").isFalse();
        assertThat(d.lastNovel()).isFalse();
        assertThat(flagged(d, after(1, 3, FORECAST, 0.99))).as("1 -> 3 seen").isFalse();
        assertThat(flagged(d, after(2, 1, FORECAST, 0.99))).as("2 -> 1 never seen, p = 0.5").isTrue();
        assertThat(d.lastNovel()).isTrue();
        assertThat(flagged(d, after(3, 2, FORECAST, 0.99))).as("3 -> 2 never seen").isTrue();
    }

    @Test
    void shouldJudgeAKeysFirstEventAfterTheStart() {
        NextSymbolDetector d = new NextSymbolDetector(settings(0, Double.NaN));
        assertThat(flagged(d, after(SymbolTransitions.START, 1, null, 0.0))).as("start -> 1 seen, no forecast").isFalse();
        assertThat(flagged(d, after(SymbolTransitions.START, 2, null, 0.0))).as("start -> 2 never seen").isTrue();
        DetectorEvent noHistory = after(SymbolTransitions.START, 2, null, 0.0);
        noHistory.before = null;
        assertThat(flagged(d, noHistory)).as("no history given: the start").isTrue();
    }

    @Test
    void shouldApplyTheThresholdToTheEndSymbolOnlyUnderScopeEndAndAuto() {
        for (String scope : List.of("auto", "end")) {
            NextSymbolDetector d = new NextSymbolDetector(settings(0, Double.NaN, true, scope));
            assertThat(flagged(d, after(1, 2, FORECAST, 0.6))).as(scope + ": score 0.7, not the end symbol").isFalse();
            assertThat(flagged(d, after(3, 4, FORECAST, 0.9))).as(scope + ": the end symbol, score 0.95").isTrue();
            assertThat(flagged(d, after(3, 4, FORECAST, 0.96))).as(scope + ": the end symbol below").isFalse();
        }
        NextSymbolDetector all = new NextSymbolDetector(settings(0, Double.NaN, true, "all"));
        assertThat(flagged(all, after(1, 2, FORECAST, 0.6))).as("all: score 0.7 on any event").isTrue();
        assertThat(flagged(all, after(2, 1, FORECAST, 0.99))).as("all: novelty still flagged").isTrue();
    }

    @Test
    void shouldKeepTheOldRuleForAReleaseWithoutTransitionsOrAnEndSymbol() {
        NextSymbolDetector d = new NextSymbolDetector(settings(0, Double.NaN));
        DetectorEvent old = after(2, 1, FORECAST, 0.6);
        old.transitions = SymbolTransitions.NONE;
        old.endSymbol = -1;
        assertThat(flagged(d, old)).as("score 0.5 under 0.6, no table").isFalse();
        old.calibration = event(1, FORECAST, 0.4).calibration;
        assertThat(flagged(d, old)).as("every event judged by the threshold").isTrue();
        DetectorEvent noEnd = after(1, 2, FORECAST, 0.6);
        noEnd.endSymbol = -1;
        assertThat(flagged(d, noEnd)).as("a table without an end symbol: auto is all").isTrue();
        DetectorEvent novelNoEnd = after(2, 1, FORECAST, 0.99);
        novelNoEnd.endSymbol = -1;
        assertThat(flagged(d, novelNoEnd)).as("the table still flags").isTrue();
    }

    @Test
    void shouldIgnoreTheTableWhenTransitionsAreOff() {
        NextSymbolDetector d = new NextSymbolDetector(settings(0, Double.NaN, false, "auto"));
        assertThat(d.historySize()).isZero();
        assertThat(flagged(d, after(2, 1, FORECAST, 0.99))).as("2 -> 1 unseen, ignored").isFalse();
        assertThat(flagged(d, after(1, 2, FORECAST, 0.6))).as("auto is all: score 0.7 ≥ 0.6").isTrue();
    }

    @Test
    void shouldFlagUnknownSymbolsWhateverTheTableAndScope() {
        NextSymbolDetector d = new NextSymbolDetector(settings(0, Double.NaN, true, "end"));
        assertThat(flagged(d, after(1, 0, FORECAST, 0.99))).isTrue();
        assertThat(flagged(d, after(SymbolTransitions.START, 0, null, 0.99))).isTrue();
    }

    @Test
    void shouldApplyTopGToTheEndSymbolOnlyUnderScopeEnd() {
        NextSymbolDetector d = new NextSymbolDetector(settings(2, Double.NaN, true, "auto"));
        assertThat(flagged(d, after(1, 3, FORECAST, 0.0))).as("rank 3 > g = 2 but not the end symbol").isFalse();
        assertThat(flagged(d, after(3, 4, FORECAST, 0.0))).as("the end symbol at rank 4 > 2").isTrue();
        assertThat(flagged(d, after(2, 1, FORECAST, 0.0))).as("rank 1, unseen").isTrue();
        NextSymbolDetector all = new NextSymbolDetector(settings(2, Double.NaN, true, "all"));
        assertThat(flagged(all, after(1, 3, FORECAST, 0.0))).as("all: rank 3 > 2").isTrue();
    }

    @Test
    void shouldRejectAnUnknownScope() {
        assertThatThrownBy(() -> new NextSymbolDetector(settings(0, Double.NaN, true, "middle")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threshold-scope");
    }

    @Test
    void shouldJudgeAnEventAllocatingNothing() {
        NextSymbolDetector d = new NextSymbolDetector(settings(0, Double.NaN));
        DetectorEvent[] events = {after(1, 2, FORECAST, 0.9), after(2, 1, FORECAST, 0.9), after(3, 4, FORECAST, 0.9),
                after(SymbolTransitions.START, 1, null, 0.9)};
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        int flags = 0;
        for (int i = 0; i < 200_000; i++) {
            flags += flagged(d, events[i & 3]) ? 1 : 0;
        }
        long allocated = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 5 && allocated > 0; attempt++) {
            long before = threads.getThreadAllocatedBytes(id);
            for (int i = 0; i < 10_000; i++) {
                flags += flagged(d, events[i & 3]) ? 1 : 0;
            }
            long after = threads.getThreadAllocatedBytes(id);
            allocated = Math.min(allocated, after - before - (threads.getThreadAllocatedBytes(id) - after));
        }
        assertThat(flags).isPositive();
        assertThat(allocated).as("bytes allocated by 10,000 judged events").isZero();
    }
}
