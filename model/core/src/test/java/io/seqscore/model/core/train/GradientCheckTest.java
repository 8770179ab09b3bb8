package io.seqscore.model.core.train;

import io.seqscore.model.core.CellType;
import io.seqscore.model.core.LayerSpec;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.model.core.ParamTensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The analytic gradient of every parameter tensor against central finite differences of the batch loss,
 * in double, with random weights, inputs, targets, initial states and mask weights (including 0 and ½).
 * Smooth cells use the five-point stencil f'(θ) ≈ (f(θ−2h) − 8f(θ−h) + 8f(θ+h) − f(θ+2h)) / 12h with
 * h = 2⁻⁷ (truncation error O(h⁴), float rounding of the loss ≈ 1e-7/h); networks with a ReLU layer use
 * (f(θ+h) − f(θ−h)) / 2h with h = 2⁻¹⁰, so that a perturbation rarely crosses a kink of max(0, ·).
 * An element passes when |fd − analytic| ≤ 3e-5 + 1e-2·|fd|.
 */
class GradientCheckTest {
    private static final double H = 1.0 / 128;
    private static final double H_RELU = 1.0 / 1024;
    private static final double ABS = 3e-5;
    private static final double REL = 1e-2;

    /**
     * Each cell as one layer with two outputs, in a two-layer stack, and under a three-step head; LSTM and GRU
     * also under the Gaussian NLL head: batch rows, steps and the seed of each.
     */
    static Stream<Arguments> uniformNetworks() {
        Stream<Arguments> mse = Stream.of(CellType.values()).flatMap(cell -> Stream.of(
                Arguments.of("one layer", NetworkSpec.uniform(cell, 2, 3, 1, 1, 2), Loss.MSE, 3, 6, 11),
                Arguments.of("two layers", NetworkSpec.uniform(cell, 2, 3, 2, 1, 1), Loss.MSE, 2, 5, 12),
                Arguments.of("three-step head", NetworkSpec.uniform(cell, 2, 3, 1, 3, 2), Loss.MSE, 2, 5, 14)));
        Stream<Arguments> nll = Stream.of(CellType.LSTM, CellType.GRU_RESET_AFTER).map(cell -> Arguments.of(
                "gaussian nll head", NetworkSpec.uniform(cell, 1, 3, 1, 2, 2), Loss.GAUSSIAN_NLL, 2, 5, 15));
        return Stream.concat(mse, nll);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("uniformNetworks")
    void everyTensorMatchesFiniteDifferences(String network, NetworkSpec spec, Loss loss, int rows, int steps,
                                            long seed) {
        check(spec, loss, rows, steps, 0, seed);
    }

    @Test
    void mixedThreeLayerStackMatchesFiniteDifferences() {
        NetworkSpec spec = new NetworkSpec(2, List.of(new LayerSpec(CellType.LSTM, 2, 4),
                new LayerSpec(CellType.GRU_RESET_BEFORE, 4, 3), new LayerSpec(CellType.RNN_TANH, 3, 2)), 1, 1);
        check(spec, Loss.MSE, 2, 5, 0, 13);
    }

    @ParameterizedTest
    @EnumSource(value = CellType.class, names = {"LSTM", "GRU_RESET_AFTER"})
    void quantileHeadMatchesFiniteDifferences(CellType cell) {
        NetworkSpec spec = NetworkSpec.uniform(cell, 1, 3, 1, 2, 3);
        check(spec, new QuantileLoss(0.025, 0.5, 0.975), 2, 5, 0, 16);
    }

    @ParameterizedTest
    @EnumSource(value = CellType.class, names = {"LSTM", "GRU_RESET_AFTER"})
    void quantileHeadWithSquaredErrorPointMatchesFiniteDifferences(CellType cell) {
        NetworkSpec spec = NetworkSpec.uniform(cell, 2, 3, 1, 2, 6);
        check(spec, new QuantileHeadLoss(0.025, 0.975), 2, 5, 0, 17);
    }

    @ParameterizedTest
    @EnumSource(CellType.class)
    void burnInGradientIsTheGradientOfTheRestFromTheBurnInState(CellType cell) {
        NetworkSpec spec = NetworkSpec.uniform(cell, 2, 3, 2, 2, 1);
        int steps = 7;
        int burnIn = 3;
        float[] params = RandomBatches.params(spec, 16, 0.6);
        Batch full = RandomBatches.batch(spec, Loss.MSE, 2, steps, 17).burnIn(burnIn);
        Bptt bptt = new Bptt(spec, Loss.MSE, 2, steps);
        double loss = bptt.forward(params, full, 0, 2) / full.lossCount();
        bptt.zeroGrad();
        bptt.backward(params, full.lossCount());
        float[] grads = bptt.grads().clone();

        Batch rest = restAfterBurnIn(spec, params, full, burnIn);
        double restLoss = bptt.forward(params, rest, 0, 2) / rest.lossCount();
        bptt.zeroGrad();
        bptt.backward(params, rest.lossCount());

        assertThat(restLoss).isEqualTo(loss);
        assertThat(grads).containsExactly(bptt.grads());
        assertThat(GradientClipping.globalNorm(grads)).isPositive();
        check(spec, Loss.MSE, rest, params);
    }

    @Test
    void burnInStepsCarryNoLoss() {
        NetworkSpec spec = NetworkSpec.uniform(CellType.LSTM, 2, 3, 1);
        float[] params = RandomBatches.params(spec, 18, 0.6);
        Batch batch = RandomBatches.batch(spec, Loss.MSE, 2, 6, 19).burnIn(2);
        Bptt bptt = new Bptt(spec, Loss.MSE, 2, 6);
        double before = bptt.forward(params, batch, 0, 2);
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < 2; t++) {
                for (int j = 0; j < batch.targetSize(); j++) {
                    batch.targets()[(b * 6 + t) * batch.targetSize() + j] += 100f;
                }
            }
        }
        assertThat(bptt.forward(params, batch, 0, 2)).isEqualTo(before);
    }

    /** The window's steps after the burn-in, starting from the state the burn-in reached. */
    private static Batch restAfterBurnIn(NetworkSpec spec, float[] params, Batch full, int burnIn) {
        int rows = full.size();
        int steps = full.steps();
        Batch prefix = new Batch(rows, burnIn, full.inputSize(), full.targetSize(), full.stateSize());
        Batch rest = new Batch(rows, steps - burnIn, full.inputSize(), full.targetSize(), full.stateSize());
        int n = full.inputSize();
        int m = full.targetSize();
        for (int b = 0; b < rows; b++) {
            System.arraycopy(full.inputs(), b * steps * n, prefix.inputs(), b * burnIn * n, burnIn * n);
            System.arraycopy(full.inputs(), (b * steps + burnIn) * n, rest.inputs(), b * (steps - burnIn) * n, (steps - burnIn) * n);
            System.arraycopy(full.targets(), (b * steps + burnIn) * m, rest.targets(), b * (steps - burnIn) * m, (steps - burnIn) * m);
            System.arraycopy(full.mask(), b * steps + burnIn, rest.mask(), b * (steps - burnIn), steps - burnIn);
        }
        System.arraycopy(full.initialState(), 0, prefix.initialState(), 0, full.initialState().length);
        Bptt bptt = new Bptt(spec, Loss.MSE, rows, burnIn);
        bptt.forward(params, prefix, 0, rows);
        for (int b = 0; b < rows; b++) {
            bptt.finalState(b, rest.initialState(), b * spec.stateSize());
        }
        return rest;
    }

    private static void check(NetworkSpec spec, Loss loss, int rows, int steps, int burnIn, long seed) {
        float[] params = RandomBatches.params(spec, seed, 0.6);
        Batch batch = RandomBatches.batch(spec, loss, rows, steps, seed + 100).burnIn(burnIn);
        check(spec, loss, batch, params);
    }

    /** Every tensor's analytic gradient at params against finite differences of the batch loss (see the class). */
    static void check(NetworkSpec spec, Loss loss, Batch batch, float[] params) {
        Bptt bptt = new Bptt(spec, loss, batch.size(), batch.steps());
        bptt.zeroGrad();
        bptt.forward(params, batch, 0, batch.size());
        bptt.backward(params, batch.lossCount());
        float[] analytic = bptt.grads().clone();
        // kinks (ReLU, the pinball loss): a small central difference, so a step rarely crosses one
        boolean relu = spec.layers().stream().anyMatch(l -> l.cell() == CellType.RNN_RELU) || loss instanceof QuantileLoss
                || loss instanceof QuantileHeadLoss;
        for (ParamTensor tensor : spec.tensors()) {
            double largest = 0;
            for (int e = 0; e < tensor.size(); e++) {
                int i = tensor.offset() + e;
                double fd = relu ? centralDifference(bptt, params, batch, i) : finiteDifference(bptt, params, batch, i);
                largest = Math.max(largest, Math.abs(fd));
                double err = Math.abs(fd - analytic[i]);
                if (!(err <= ABS + REL * Math.abs(fd))) {
                    fail(spec + " " + loss + ": " + spec.describeParam(i) + " analytic " + analytic[i]
                            + ", finite difference " + fd + " (|diff| " + err + ")");
                }
            }
            assertThat(largest).as("%s %s moves the loss", spec, tensor.name()).isGreaterThan(1e-4);
        }
    }

    private static double finiteDifference(Bptt bptt, float[] params, Batch batch, int i) {
        float saved = params[i];
        double[] f = new double[4];
        int[] k = {-2, -1, 1, 2};
        for (int s = 0; s < 4; s++) {
            params[i] = (float) (saved + k[s] * H);
            f[s] = bptt.forward(params, batch, 0, batch.size()) / batch.lossCount();
        }
        params[i] = saved;
        return (f[0] - 8 * f[1] + 8 * f[2] - f[3]) / (12 * H);
    }

    private static double centralDifference(Bptt bptt, float[] params, Batch batch, int i) {
        float saved = params[i];
        params[i] = (float) (saved + H_RELU);
        double up = bptt.forward(params, batch, 0, batch.size()) / batch.lossCount();
        params[i] = (float) (saved - H_RELU);
        double down = bptt.forward(params, batch, 0, batch.size()) / batch.lossCount();
        params[i] = saved;
        return (up - down) / (2 * H_RELU);
    }
}
