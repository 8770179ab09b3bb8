package io.seqscore.model.core.features;

import io.seqscore.model.core.CellType;
import io.seqscore.model.core.NetworkSpec;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** ES_HYBRID's smoothing against hand-computed values, its parameters' validation and its per-event cost. */
class EsHybridFeaturesTest {
    private static final EventHistory NO_HISTORY = new EventRing(1);
    private static final double[] PATTERN = {1, 2, 4, 2, 1, 0.5};

    private static EsHybridFeatures es(double alpha, double gamma1, double gamma2, int p1, int p2, boolean mult) {
        return (EsHybridFeatures) FeatureKinds.create(EsHybridFeatures.parameters(alpha, gamma1, gamma2, p1, p2, 4,
                mult, 3f));
    }

    @Test
    void shouldForecastAPurelySeasonalPositiveSeriesExactlyOnceItHasSeenOneSeason() {
        EsHybridFeatures f = es(0.0, 1.0, 0.0, 6, 0, true);
        double[] state = new double[f.stateSize()];
        f.reset(state);
        float[] x = new float[4];
        for (int i = 0; i < 12; i++) {
            f.inputs(new float[] {(float) (10 * PATTERN[i % 6])}, NO_HISTORY, state, new float[] {0f},
                    new float[] {1f}, x);
        }
        for (int s = 0; s < 8; s++) {
            assertThat((double) f.base(state, s, 0f, 1f)).as("step %d", s).isCloseTo(10 * PATTERN[(12 + s) % 6],
                    within(1e-4));
        }
        // de-seasonalized values equal the level: the window reads log(1) = 0
        assertThat(x).containsOnly(0f);
    }

    @Test
    void shouldUpdateLevelAndBothSeasonsAsTheEquationsSay() {
        EsHybridFeatures f = es(0.5, 0.25, 0.5, 2, 3, true);
        double[] state = new double[f.stateSize()];
        f.reset(state);
        float[] x = new float[4];
        float[] mu = {0f};
        float[] sd = {1f};
        f.inputs(new float[] {8f}, NO_HISTORY, state, mu, sd, x);
        // i = 0: L = 8; s1[0] = 0.25·8/8 + 0.75 = 1; s2[0] = 1
        f.inputs(new float[] {12f}, NO_HISTORY, state, mu, sd, x);
        // i = 1: S = 1; L = 0.5·12 + 0.5·8 = 10; s1[1] = 0.25·1.2 + 0.75 = 1.05; s2[1] = 0.5·1.2 + 0.5 = 1.1
        assertThat(state[1]).isCloseTo(10.0, within(1e-12));
        assertThat(state[2 + 1]).isCloseTo(1.05, within(1e-12));
        assertThat(state[2 + 2 + 1]).isCloseTo(1.1, within(1e-12));
        // newest first: log(12/1) − log 10, log(8/1) − log 10
        assertThat((double) x[0]).isCloseTo(Math.log(1.2), within(1e-6));
        assertThat((double) x[1]).isCloseTo(Math.log(0.8), within(1e-6));
        assertThat(x[2]).isZero();
        // step 0 forecasts event 2: L·s1[0]·s2[2] = 10·1·1; step 1 event 3: 10·1.05·1
        assertThat((double) f.base(state, 0, 0f, 1f)).isCloseTo(10.0, within(1e-5));
        assertThat((double) f.base(state, 1, 0f, 1f)).isCloseTo(10.5, within(1e-5));
        assertThat((double) f.base(state, 2, 2f, 4f)).isCloseTo((10.0 * 1.1 - 2) / 4, within(1e-5));
    }

    @Test
    void shouldSmoothAdditivelyWithTheScaledWindow() {
        EsHybridFeatures f = es(0.5, 0.5, 0.0, 2, 0, false);
        double[] state = new double[f.stateSize()];
        f.reset(state);
        float[] x = new float[4];
        float[] mu = {1f};
        float[] sd = {2f};
        f.inputs(new float[] {-4f}, NO_HISTORY, state, mu, sd, x);
        f.inputs(new float[] {2f}, NO_HISTORY, state, mu, sd, x);
        // L0 = −4, s[0] = 0.5·(−4 + 4) = 0; L1 = 0.5·2 + 0.5·(−4) = −1, s[1] = 0.5·(2 + 1) = 1.5
        assertThat(state[1]).isCloseTo(-1.0, within(1e-12));
        assertThat(state[3]).isCloseTo(1.5, within(1e-12));
        assertThat((double) x[0]).isCloseTo((2 - (-1)) / 2.0, within(1e-6));
        assertThat((double) f.base(state, 1, 1f, 2f)).isCloseTo((-1 + 1.5 - 1) / 2.0, within(1e-6));
    }

    @Test
    void shouldFloorNonPositiveValuesOfAMultiplicativeKeyAndStayFinite() {
        EsHybridFeatures f = es(0.3, 0.3, 0.3, 3, 6, true);
        double[] state = new double[f.stateSize()];
        f.reset(state);
        float[] x = new float[4];
        for (float v : new float[] {0f, 5f, -3f, 0f, 7f, 1e-30f, 4f}) {
            f.inputs(new float[] {v}, NO_HISTORY, state, new float[] {0f}, new float[] {1f}, x);
            for (double d : state) {
                assertThat(Double.isFinite(d)).as("state after %s", v).isTrue();
            }
            for (float e : x) {
                assertThat(Math.abs(e)).as("input after %s", v).isLessThanOrEqualTo(3f);
            }
        }
    }

    @Test
    void shouldRejectMissingOrOutOfRangeParametersNamingThem() {
        Map<String, Double> named = new TreeMap<>(EsHybridFeatures.parameters(0.1, 0.1, 0.1, 24, 168, 24, true, 5f).named());
        named.put(EsHybridFeatures.ALPHA, 1.5);
        assertThatThrownBy(() -> FeatureKinds.create(new FeatureParameters(EsHybridFeatures.KIND, 0, 0, 0, 0, 5f, named, java.util.List.of())))
                .hasMessageContaining("alpha must be in [0, 1]");
        named.put(EsHybridFeatures.ALPHA, 0.1);
        named.put(EsHybridFeatures.PERIOD1, 2.5);
        assertThatThrownBy(() -> FeatureKinds.create(new FeatureParameters(EsHybridFeatures.KIND, 0, 0, 0, 0, 5f, named, java.util.List.of())))
                .hasMessageContaining("period1 must be a whole number");
        named.remove(EsHybridFeatures.PERIOD1);
        assertThatThrownBy(() -> FeatureKinds.create(new FeatureParameters(EsHybridFeatures.KIND, 0, 0, 0, 0, 5f, named, java.util.List.of())))
                .hasMessageContaining("need the parameters");
        FeatureTransform ok = FeatureKinds.create(EsHybridFeatures.parameters(0.1, 0.1, 0.1, 24, 168, 24, true, 5f));
        assertThat(ok.stateSize()).isEqualTo(2 + 24 + 168 + 24);
        NetworkSpec wrong = NetworkSpec.uniform(CellType.LSTM, 3, 8, 1, 2, 1);
        assertThatThrownBy(() -> ok.check(wrong)).hasMessageContaining("inputSize 24");
    }

    @Test
    void shouldAllocateNothingPerEventOnceWarm() {
        EsHybridFeatures f = es(0.1, 0.2, 0.1, 24, 168, true);
        double[] state = new double[f.stateSize()];
        f.reset(state);
        float[] event = new float[1];
        double[] observed = new double[1];
        float[] mu = {100f};
        float[] sd = {10f};
        float[] x = new float[4];
        float[] out = new float[48];
        float[] forecast = new float[48];
        float[] zNext = new float[1];
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long best = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 5 && best > 0; attempt++) {
            long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
            for (int i = 0; i < 20_000; i++) {
                event[0] = 100f + (i % 24);
                observed[0] = event[0];
                f.inputs(event, NO_HISTORY, state, mu, sd, x);
                f.forecasts(observed, NO_HISTORY, state, mu, sd, out, 1, forecast, zNext);
            }
            best = Math.min(best, threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before);
        }
        assertThat(best).isZero();
    }
}
