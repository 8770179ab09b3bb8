package io.seqscore.model.core.train;

import io.seqscore.model.core.CellType;
import io.seqscore.model.core.LayerSpec;
import io.seqscore.model.core.Network;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.model.core.ParamTensor;
import io.seqscore.model.core.math.KernelPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The embedding + recurrent layers + softmax head + cross-entropy path: every tensor's gradient against
 * finite differences ({@link GradientCheckTest#check}), training's forward equal to the
 * streaming step, the loss equal to a direct computation, and a network that learns a deterministic cycle.
 */
class CategoricalNetworkTest {
    private static final Loss CE = SoftmaxCrossEntropyLoss.INSTANCE;

    static NetworkSpec spec(CellType cell, int vocabulary, int embedding, int units, int layerCount) {
        LayerSpec[] ls = new LayerSpec[layerCount];
        for (int k = 0; k < layerCount; k++) {
            ls[k] = new LayerSpec(cell, k == 0 ? embedding : units, units);
        }
        return NetworkSpec.embedded(vocabulary, List.of(ls), 1, vocabulary);
    }

    static Batch symbolBatch(NetworkSpec spec, int rows, int steps, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Batch batch = Batch.of(spec, CE, rows, steps);
        for (int i = 0; i < batch.inputs().length; i++) {
            batch.inputs()[i] = r.nextInt(spec.embeddingRows());
        }
        for (int i = 0; i < batch.targets().length; i++) {
            batch.targets()[i] = r.nextInt(spec.outputDim());
        }
        for (int i = 0; i < batch.initialState().length; i++) {
            batch.initialState()[i] = (float) (r.nextDouble() - 0.5);
        }
        RandomBatches.mask(r, batch.mask());
        return batch;
    }

    @ParameterizedTest
    @EnumSource(value = CellType.class, names = {"LSTM", "GRU_RESET_AFTER", "RNN_TANH"})
    void shouldMatchFiniteDifferencesForEveryTensor(CellType cell) {
        NetworkSpec spec = spec(cell, 5, 3, 4, 2);
        GradientCheckTest.check(spec, CE, symbolBatch(spec, 3, 6, 41), RandomBatches.params(spec, 40, 0.6));
    }

    @Test
    void shouldMatchFiniteDifferencesWithOneLayer() {
        NetworkSpec spec = spec(CellType.LSTM, 4, 2, 3, 1);
        GradientCheckTest.check(spec, CE, symbolBatch(spec, 2, 5, 43), RandomBatches.params(spec, 42, 0.6));
    }

    @Test
    void shouldComputeTheMeanCrossEntropyOfTheLogits() {
        NetworkSpec spec = spec(CellType.LSTM, 4, 2, 3, 1);
        Batch batch = symbolBatch(spec, 2, 5, 44);
        Arrays.fill(batch.mask(), 1f);
        float[] params = RandomBatches.params(spec, 45, 0.8);
        Bptt bptt = new Bptt(spec, CE, 2, 5);
        double loss = bptt.forward(params, batch, 0, 2) / batch.lossCount();
        double expected = 0;
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < 5; t++) {
                double sum = 0;
                for (int j = 0; j < 4; j++) {
                    sum += Math.exp(bptt.output(b, t, j));
                }
                int y = (int) batch.targets()[b * 5 + t];
                expected -= Math.log(Math.exp(bptt.output(b, t, y)) / sum);
            }
        }
        assertThat(loss).isCloseTo(expected / 10, within(1e-9));
    }

    @ParameterizedTest
    @EnumSource(KernelPath.class)
    void shouldStepEventByEventAsTrainingForward(KernelPath path) {
        if (path == KernelPath.VECTOR && !KernelPath.vectorAvailable()) {
            return;
        }
        NetworkSpec spec = spec(CellType.LSTM, 7, 4, 6, 2);
        float[] params = RandomBatches.params(spec, 46, 0.7);
        Batch batch = symbolBatch(spec, 2, 12, 47);
        Bptt bptt = new Bptt(spec, CE, 2, 12);
        bptt.forward(params, batch, 0, 2);
        Network network = Network.of(spec, params, path);
        float[] x = new float[1];
        float[] out = new float[spec.outputSize()];
        for (int b = 0; b < 2; b++) {
            float[] state = Arrays.copyOfRange(batch.initialState(), b * spec.stateSize(), (b + 1) * spec.stateSize());
            for (int t = 0; t < 12; t++) {
                x[0] = batch.inputs()[b * 12 + t];
                network.step(state, x, out);
                for (int j = 0; j < out.length; j++) {
                    assertThat(out[j]).as("%s row %d step %d logit %d", path, b, t, j)
                            .isCloseTo(bptt.output(b, t, j), within(1e-5f));
                }
            }
        }
    }

    @Test
    void shouldRejectASymbolOutsideTheEmbedding() {
        NetworkSpec spec = spec(CellType.LSTM, 3, 2, 2, 1);
        Network network = Network.of(spec, RandomBatches.params(spec, 48, 0.5));
        float[] out = new float[3];
        assertThatThrownBy(() -> network.step(network.newState(), new float[] {3f}, out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside the embedding");
        assertThatThrownBy(() -> network.step(network.newState(), new float[] {1.5f}, out))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldPlaceTheEmbeddingAfterTheHead() {
        NetworkSpec spec = spec(CellType.LSTM, 6, 3, 4, 1);
        assertThat(spec.inputSize()).isEqualTo(1);
        assertThat(spec.embeddingOffset()).isEqualTo(spec.headBOffset() + 6);
        assertThat(spec.paramCount()).isEqualTo(spec.embeddingOffset() + 18);
        ParamTensor last = spec.tensors().get(spec.tensors().size() - 1);
        assertThat(last.name()).isEqualTo("embedding");
        assertThat(spec.describeParam(spec.embeddingOffset() + 4)).isEqualTo("embedding[1][1]");
        assertThat(spec).isNotEqualTo(new NetworkSpec(3, List.of(new LayerSpec(CellType.LSTM, 3, 4)), 1, 6));
    }

    @Test
    void shouldLearnADeterministicCycle() {
        NetworkSpec spec = spec(CellType.LSTM, 5, 4, 8, 1);
        float[] params = WeightInit.initialize(spec, 7);
        Batch batch = Batch.of(spec, CE, 4, 10);
        for (int b = 0; b < 4; b++) {
            for (int t = 0; t < 10; t++) {
                batch.inputs()[b * 10 + t] = (b + t) % 5;
                batch.targets()[b * 10 + t] = (b + t + 1) % 5;
            }
        }
        double first;
        double last;
        try (TrainingStep step = new TrainingStep(spec, CE, new Adam(params.length, 0.05, 0.9, 0.999, Adam.DEFAULT_EPSILON, 0))) {
            first = step.step(params, batch);
            last = first;
            for (int i = 0; i < 200; i++) {
                last = step.step(params, batch);
            }
        }
        assertThat(first).isGreaterThan(1.4);
        assertThat(last).isLessThan(0.05);
    }
}
