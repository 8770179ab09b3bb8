package io.seqscore.model.core.train;

import io.seqscore.model.core.math.KernelPath;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ActivationKernelsTest {

    @Test
    void scalarFunctionsAreWithin2e7OfTheExactOnes() {
        double worstSigmoid = 0;
        double worstTanh = 0;
        double worstExpm1 = 0;
        for (int i = -400_000; i <= 400_000; i++) {
            float x = i * 5e-5f;
            worstSigmoid = Math.max(worstSigmoid, Math.abs(ActivationKernels.sigmoid(x) - 1 / (1 + Math.exp(-(double) x))));
            worstTanh = Math.max(worstTanh, Math.abs(ActivationKernels.tanh(x) - Math.tanh(x)));
            double e = Math.expm1(x);
            worstExpm1 = Math.max(worstExpm1, Math.abs(ActivationKernels.expm1(x) - e) / Math.max(1, Math.abs(e)));
        }
        assertThat(worstSigmoid).isLessThan(2e-7);
        assertThat(worstTanh).isLessThan(2e-7);
        assertThat(worstExpm1).isLessThan(2e-7);
        // relative accuracy near 0, where 1 − e^−2x would cancel
        assertThat((double) ActivationKernels.tanh(1e-6f)).isCloseTo(1e-6, within(1e-12));
        assertThat((double) ActivationKernels.tanh(-3e-4f)).isCloseTo(Math.tanh(-3e-4f), within(1e-10));
    }

    @Test
    void extremeInputsGiveTheLimitsWithoutNaN() {
        for (float x : new float[] {2000f, 1e30f, Float.MAX_VALUE, 88.5f, 100f}) {
            assertThat(ActivationKernels.sigmoid(x)).isEqualTo(1f);
            assertThat(ActivationKernels.sigmoid(-x)).isBetween(0f, 1e-37f);
            assertThat(ActivationKernels.tanh(x)).isEqualTo(1f);
            assertThat(ActivationKernels.tanh(-x)).isEqualTo(-1f);
        }
        assertThat(ActivationKernels.tanh(0f)).isZero();
        assertThat(ActivationKernels.sigmoid(0f)).isEqualTo(0.5f);
    }

    @Test
    void arrayKernelsOfBothPathsAreBitIdenticalToTheScalarFunctions() {
        assumeTrue(KernelPath.vectorAvailable(), "jdk.incubator.vector is not in this JVM");
        SplittableRandom r = new SplittableRandom(3);
        for (int len : new int[] {1, 7, 16, 33, 64, 100}) {
            float[] x = new float[len + 5];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) ((2 * r.nextDouble() - 1) * (i % 3 == 0 ? 2500 : 12));
            }
            float[] sigmoid = x.clone();
            VectorActivationKernels.sigmoid(sigmoid, 2, len);
            float[] tanh = new float[len + 5];
            VectorActivationKernels.tanh(x, 2, tanh, 3, len);
            for (int i = 0; i < len; i++) {
                assertThat(sigmoid[2 + i]).as("σ(%s)", x[2 + i]).isEqualTo(ActivationKernels.sigmoid(x[2 + i]));
                assertThat(tanh[3 + i]).as("tanh(%s)", x[2 + i]).isEqualTo(ActivationKernels.tanh(x[2 + i]));
            }
            assertThat(sigmoid[0]).isEqualTo(x[0]);
            assertThat(sigmoid[len + 2]).isEqualTo(x[len + 2]);
        }
    }
}
