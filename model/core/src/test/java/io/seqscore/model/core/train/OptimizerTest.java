package io.seqscore.model.core.train;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class OptimizerTest {

    @Test
    void sgdWithMomentumFollowsTheHeavyBallRecurrence() {
        // lr 0.1, μ 0.9, g = 1 twice: v = 1, w = 0.9; v = 1.9, w = 0.71
        Sgd sgd = new Sgd(1, 0.1, 0.9);
        float[] w = {1f};
        sgd.step(w, new float[] {1f});
        assertThat(w[0]).isCloseTo(0.9f, within(1e-7f));
        sgd.step(w, new float[] {1f});
        assertThat(w[0]).isCloseTo(0.71f, within(1e-7f));
        assertThat(sgd.stepCount()).isEqualTo(2);
        sgd.reset();
        w[0] = 1f;
        sgd.step(w, new float[] {1f});
        assertThat(w[0]).isCloseTo(0.9f, within(1e-7f));
        assertThat(sgd.stepCount()).isEqualTo(1);
    }

    @Test
    void adamMatchesHandDerivedStepsWithEpsilonAddedToTheRootOfVHat() {
        // lr 0.1, g = 0.5: m = 0.05, v = 0.00025, m̂ = 0.5, v̂ = 0.25, w = 1 − 0.1·0.5/(0.5+1e-7)
        // g = −0.5: m = −0.005, v = 0.00049975, m̂ = −0.005/0.19, v̂ = 0.00049975/0.001999 = 0.25, w += 0.1·(0.005/0.19)/(0.5+1e-7)
        Adam adam = Adam.adam(1, 0.1);
        float[] w = {1f};
        adam.step(w, new float[] {0.5f});
        double w1 = 1 - 0.1 * 0.5 / (0.5 + 1e-7);
        assertThat((double) w[0]).isCloseTo(w1, within(1e-7));
        adam.step(w, new float[] {-0.5f});
        double w2 = w1 + 0.1 * (0.005 / 0.19) / (Math.sqrt(0.00049975 / (1 - 0.998001)) + 1e-7);
        assertThat((double) w[0]).isCloseTo(w2, within(1e-6));
        assertThat(w2 - w1).isCloseTo(0.005263157, within(1e-8));
    }

    @Test
    void adamStepOfATinyGradientIsDampedByEpsilon() {
        // g = 1e-7 = ε: m̂/(√v̂+ε) = 1e-7/2e-7 = ½
        Adam adam = Adam.adam(1, 0.01);
        float[] w = {0f};
        adam.step(w, new float[] {1e-7f});
        assertThat((double) w[0]).isCloseTo(-0.005, within(1e-9));
    }

    @Test
    void resetMakesTheNextStepAFirstStep() {
        Adam adam = Adam.adam(2, 0.01);
        float[] w = {1f, -1f};
        adam.step(w, new float[] {0.3f, 2f});
        adam.step(w, new float[] {-0.1f, 0.5f});
        adam.reset();
        assertThat(adam.stepCount()).isZero();
        float[] fresh = w.clone();
        Adam.adam(2, 0.01).step(fresh, new float[] {0.7f, -0.2f});
        adam.step(w, new float[] {0.7f, -0.2f});
        assertThat(w).containsExactly(fresh);
    }

    @Test
    void adamWDecaysWeightsIndependentlyOfTheGradient() {
        // zero gradient: Adam leaves w, AdamW multiplies it by 1 − lr·λ = 1 − 0.1·0.01
        float[] w = {2f, -4f};
        Adam.adamW(2, 0.1, 0.01).step(w, new float[2]);
        assertThat(w[0]).isCloseTo(1.998f, within(1e-7f));
        assertThat(w[1]).isCloseTo(-3.996f, within(1e-7f));
        float[] plain = {2f, -4f};
        Adam.adam(2, 0.1).step(plain, new float[2]);
        assertThat(plain).containsExactly(2f, -4f);
    }

    @Test
    void learningRateIsTheScheduleHook() {
        Sgd sgd = new Sgd(1, 0.1, 0);
        sgd.learningRate(0.5);
        float[] w = {1f};
        sgd.step(w, new float[] {1f});
        assertThat(w[0]).isEqualTo(0.5f);
        assertThatThrownBy(() -> sgd.learningRate(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sgd.step(new float[2], new float[2])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void clippingByGlobalNormScalesOnlyAboveTheClip() {
        float[] g = {3f, 4f};
        assertThat(GradientClipping.clipByGlobalNorm(g, 1.0)).isEqualTo(5.0);
        assertThat(g[0]).isCloseTo(0.6f, within(1e-7f));
        assertThat(g[1]).isCloseTo(0.8f, within(1e-7f));
        float[] small = {3f, 4f};
        assertThat(GradientClipping.clipByGlobalNorm(small, 10.0)).isEqualTo(5.0);
        assertThat(small).containsExactly(3f, 4f);
        assertThat(GradientClipping.globalNorm(new float[] {1f, 2f, 2f})).isEqualTo(3.0);
    }
}
