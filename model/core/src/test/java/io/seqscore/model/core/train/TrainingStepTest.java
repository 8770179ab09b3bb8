package io.seqscore.model.core.train;

import io.seqscore.model.core.CellType;
import io.seqscore.model.core.LayerSpec;
import io.seqscore.model.core.NetworkSpec;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class TrainingStepTest {
    private static final NetworkSpec SPEC = new NetworkSpec(1, List.of(new LayerSpec(CellType.LSTM, 1, 12),
            new LayerSpec(CellType.GRU_RESET_AFTER, 12, 8)), 2, 1);

    @Test
    void sameSeedTrainsToBitIdenticalWeightsForAnyThreadCount() {
        float[] serial = train(77, new Sharding(3, 1));
        float[] parallel = train(77, new Sharding(3, 3));
        float[] again = train(77, new Sharding(3, 2));
        assertThat(parallel).containsExactly(serial);
        assertThat(again).containsExactly(serial);
        assertThat(train(78, new Sharding(3, 1))).isNotEqualTo(serial);
    }

    @Test
    void shardGradientsAddUpToTheWholeBatchGradient() {
        float[] params = WeightInit.initialize(SPEC, 5);
        Batch batch = RandomBatches.batch(SPEC, Loss.MSE, 7, 9, 6).burnIn(2);
        try (TrainingStep one = new TrainingStep(SPEC, Loss.MSE, Adam.adam(SPEC.paramCount(), 0.01));
             TrainingStep four = new TrainingStep(SPEC, Loss.MSE, Adam.adam(SPEC.paramCount(), 0.01),
                     Double.POSITIVE_INFINITY, new Sharding(4, 2), null)) {
            double loss = one.gradient(params, batch);
            assertThat(four.gradient(params, batch)).isCloseTo(loss, within(1e-7));
            float[] g1 = one.gradients();
            float[] g4 = four.gradients();
            for (int i = 0; i < g1.length; i++) {
                assertThat(g4[i]).as(SPEC.describeParam(i)).isCloseTo(g1[i], within(1e-6f));
            }
            Bptt bptt = new Bptt(SPEC, Loss.MSE, 7, 9);
            assertThat(bptt.forward(params, batch, 0, 7) / batch.lossCount()).isEqualTo(loss);
        }
    }

    @Test
    void finalStatesOfEveryShardCarryToTheNextWindow() {
        // a window of 10 steps equals two windows of 5 with the state carried between them
        float[] params = WeightInit.initialize(SPEC, 5);
        Batch whole = RandomBatches.batch(SPEC, Loss.MSE, 5, 10, 11);
        Batch first = new Batch(5, 5, 1, 2, SPEC.stateSize());
        Batch second = new Batch(5, 5, 1, 2, SPEC.stateSize());
        for (int b = 0; b < 5; b++) {
            System.arraycopy(whole.inputs(), b * 10, first.inputs(), b * 5, 5);
            System.arraycopy(whole.inputs(), b * 10 + 5, second.inputs(), b * 5, 5);
        }
        System.arraycopy(whole.initialState(), 0, first.initialState(), 0, first.initialState().length);
        try (TrainingStep step = new TrainingStep(SPEC, Loss.MSE, Adam.adam(SPEC.paramCount(), 0.01),
                Double.POSITIVE_INFINITY, new Sharding(3, 1), null)) {
            step.loss(params, first);
            for (int b = 0; b < 5; b++) {
                step.finalState(first, b, second.initialState(), b * SPEC.stateSize());
            }
            step.loss(params, second);
            float[] carried = new float[SPEC.stateSize()];
            float[] direct = new float[SPEC.stateSize()];
            Bptt bptt = new Bptt(SPEC, Loss.MSE, 5, 10);
            bptt.forward(params, whole, 0, 5);
            for (int b = 0; b < 5; b++) {
                step.finalState(second, b, carried, 0);
                bptt.finalState(b, direct, 0);
                assertThat(carried).as("row %d", b).containsExactly(direct);
            }
        }
    }

    @Test
    void stepClipsThenUpdatesAndReportsTheLossBeforeTheUpdate() {
        float[] params = WeightInit.initialize(SPEC, 5);
        Batch batch = RandomBatches.batch(SPEC, Loss.MSE, 4, 6, 8);
        try (TrainingStep step = new TrainingStep(SPEC, Loss.MSE, new Sgd(SPEC.paramCount(), 0.5, 0), 1e-3,
                Sharding.serial(), null)) {
            float[] before = params.clone();
            double loss = step.step(params, batch);
            assertThat(step.lastGradientNorm()).isGreaterThan(1e-3);
            assertThat(GradientClipping.globalNorm(step.gradients())).isCloseTo(1e-3, within(1e-9));
            double moved = 0;
            for (int i = 0; i < params.length; i++) {
                moved += Math.pow(params[i] - before[i], 2);
            }
            assertThat(Math.sqrt(moved)).isCloseTo(0.5e-3, within(1e-8));
            assertThat(step.loss(params, batch)).isLessThan(loss);
        }
    }

    @Test
    void scheduleSetsTheLearningRateOfEachStep() {
        float[] params = WeightInit.initialize(SPEC, 5);
        Batch batch = RandomBatches.batch(SPEC, Loss.MSE, 2, 5, 9);
        Sgd sgd = new Sgd(SPEC.paramCount(), 1, 0);
        try (TrainingStep step = new TrainingStep(SPEC, Loss.MSE, sgd, Double.POSITIVE_INFINITY, Sharding.serial(),
                t -> 0.1 / t)) {
            step.step(params, batch);
            assertThat(sgd.learningRate()).isEqualTo(0.1);
            step.step(params, batch);
            step.step(params, batch);
            assertThat(sgd.learningRate()).isEqualTo(0.1 / 3);
        }
    }

    @Test
    void aBatchWithoutLossIsRejected() {
        Batch batch = RandomBatches.batch(SPEC, Loss.MSE, 2, 5, 9);
        java.util.Arrays.fill(batch.mask(), 0f);
        try (TrainingStep step = new TrainingStep(SPEC, Loss.MSE, Adam.adam(SPEC.paramCount(), 0.01))) {
            assertThatThrownBy(() -> step.step(WeightInit.initialize(SPEC, 1), batch))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void serialStepAllocatesNothingOnceCompiled() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        float[] params = WeightInit.initialize(SPEC, 5);
        Batch batch = RandomBatches.batch(SPEC, Loss.MSE, 8, 16, 10).burnIn(4);
        long id = Thread.currentThread().getId();
        long allocated = -1;
        try (TrainingStep step = new TrainingStep(SPEC, Loss.MSE, Adam.adam(SPEC.paramCount(), 1e-4), 1.0,
                Sharding.serial(), null)) {
            // until the JIT has compiled the kernels (vector API objects are only scalarised by C2)
            for (int round = 0; round < 200 && allocated != 0; round++) {
                long before = threads.getThreadAllocatedBytes(id);
                for (int i = 0; i < 50; i++) {
                    step.step(params, batch);
                }
                allocated = threads.getThreadAllocatedBytes(id) - before;
            }
        }
        assertThat(allocated).isZero();
    }

    @Test
    void bpttRefusesASecondBackwardOfOneForward() {
        float[] params = WeightInit.initialize(SPEC, 5);
        Batch batch = RandomBatches.batch(SPEC, Loss.MSE, 2, 5, 9);
        Bptt bptt = new Bptt(SPEC, Loss.MSE, 2, 5);
        assertThatThrownBy(() -> bptt.backward(params, batch.lossCount())).isInstanceOf(IllegalStateException.class);
        bptt.forward(params, batch, 0, 2);
        bptt.backward(params, batch.lossCount());
        assertThatThrownBy(() -> bptt.backward(params, batch.lossCount())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> bptt.forward(params, RandomBatches.batch(SPEC, Loss.MSE, 3, 5, 9), 0, 3))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** 30 Adam steps with clipping on windows of a seasonal series, everything from {@code seed}. */
    private static float[] train(long seed, Sharding sharding) {
        float[] series = LearningTest.seasonal(600, new SplittableRandom(seed));
        float[] params = WeightInit.initialize(SPEC, seed);
        Batch batch = Batch.of(SPEC, Loss.MSE, 9, 24).burnIn(6);
        SplittableRandom windows = new SplittableRandom(seed + 1);
        try (TrainingStep step = new TrainingStep(SPEC, Loss.MSE, Adam.adamW(SPEC.paramCount(), 0.01, 1e-4), 1.0,
                sharding, t -> 0.01 / Math.sqrt(t))) {
            for (int it = 0; it < 30; it++) {
                for (int b = 0; b < batch.size(); b++) {
                    batch.setForecastWindow(b, series, windows.nextInt(600 - 24));
                }
                step.step(params, batch);
            }
        }
        return params;
    }
}
