package io.seqscore.model.core.train;

import io.seqscore.model.core.CellType;
import io.seqscore.model.core.LayerSpec;
import io.seqscore.model.core.Network;
import io.seqscore.model.core.NetworkSpec;
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
 * The path of events that carry a symbol and values: embedding + values → recurrent layers → V logits and m value
 * forecasts, trained by {@link SymbolValuesLoss}. Every tensor's gradient against finite differences, the loss
 * against a direct computation, training's forward equal to the streaming step.
 */
class SymbolValuesNetworkTest {
    static NetworkSpec spec(CellType cell, int vocabulary, int embedding, int values, int units, int layerCount) {
        LayerSpec[] ls = new LayerSpec[layerCount];
        for (int k = 0; k < layerCount; k++) {
            ls[k] = new LayerSpec(cell, k == 0 ? embedding + values : units, units);
        }
        return NetworkSpec.embedded(vocabulary, values, List.of(ls), 1, vocabulary + values);
    }

    /** Rows of (index, m values) in; targets (index, m scaled values); random masks and initial states. */
    static Batch batch(NetworkSpec spec, Loss loss, int rows, int steps, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Batch batch = Batch.of(spec, loss, rows, steps);
        int n = spec.inputSize();
        int v = spec.embeddingRows();
        for (int i = 0; i < rows * steps; i++) {
            batch.inputs()[i * n] = r.nextInt(v);
            batch.targets()[i * n] = r.nextInt(v);
            for (int j = 1; j < n; j++) {
                batch.inputs()[i * n + j] = (float) r.nextGaussian();
                batch.targets()[i * n + j] = (float) r.nextGaussian();
            }
        }
        for (int i = 0; i < batch.initialState().length; i++) {
            batch.initialState()[i] = (float) (r.nextDouble() - 0.5);
        }
        RandomBatches.mask(r, batch.mask());
        return batch;
    }

    @ParameterizedTest
    @EnumSource(value = CellType.class, names = {"LSTM", "GRU_RESET_AFTER"})
    void shouldMatchFiniteDifferencesForEveryTensor(CellType cell) {
        NetworkSpec spec = spec(cell, 5, 3, 2, 4, 2);
        Loss loss = new SymbolValuesLoss(5, 0.7);
        GradientCheckTest.check(spec, loss, batch(spec, loss, 3, 6, 51), RandomBatches.params(spec, 50, 0.6));
    }

    @Test
    void shouldMatchFiniteDifferencesWithOneLayerAndOneValue() {
        NetworkSpec spec = spec(CellType.LSTM, 4, 2, 1, 3, 1);
        Loss loss = new SymbolValuesLoss(4, 2.5);
        GradientCheckTest.check(spec, loss, batch(spec, loss, 2, 5, 53), RandomBatches.params(spec, 52, 0.6));
    }

    @Test
    void shouldAddTheWeightedSquaredErrorToTheCrossEntropy() {
        NetworkSpec spec = spec(CellType.LSTM, 4, 2, 2, 3, 1);
        double w = 0.3;
        Loss loss = new SymbolValuesLoss(4, w);
        Batch batch = batch(spec, loss, 2, 5, 54);
        Arrays.fill(batch.mask(), 1f);
        float[] params = RandomBatches.params(spec, 55, 0.8);
        Bptt bptt = new Bptt(spec, loss, 2, 5);
        double sum = bptt.forward(params, batch, 0, 2);
        double expected = 0;
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < 5; t++) {
                int at = (b * 5 + t) * 3;
                double z = 0;
                for (int j = 0; j < 4; j++) {
                    z += Math.exp(bptt.output(b, t, j));
                }
                int y = (int) batch.targets()[at];
                expected -= Math.log(Math.exp(bptt.output(b, t, y)) / z);
                for (int d = 0; d < 2; d++) {
                    double e = (double) bptt.output(b, t, 4 + d) - batch.targets()[at + 1 + d];
                    expected += w * e * e;
                }
            }
        }
        assertThat(sum).isCloseTo(expected, within(1e-9));
        assertThat(batch.lossCount()).isEqualTo(2 * 5 * 3);
    }

    @Test
    void shouldTrainTheSymbolAloneWithWeightZero() {
        NetworkSpec spec = spec(CellType.LSTM, 4, 2, 1, 3, 1);
        Loss loss = new SymbolValuesLoss(4, 0);
        Batch batch = batch(spec, loss, 2, 4, 56);
        float[] params = RandomBatches.params(spec, 57, 0.5);
        Bptt bptt = new Bptt(spec, loss, 2, 4);
        bptt.zeroGrad();
        bptt.forward(params, batch, 0, 2);
        bptt.backward(params, batch.lossCount());
        for (int i = 0, u = spec.layer(0).units(); i < u; i++) {
            assertThat(bptt.grads()[spec.headWOffset() + 4 * u + i]).as("value head weight %d", i).isZero();
        }
        assertThat(bptt.grads()[spec.headBOffset() + 4]).isZero();
    }

    @ParameterizedTest
    @EnumSource(KernelPath.class)
    void shouldStepEventByEventAsTrainingForward(KernelPath path) {
        if (path == KernelPath.VECTOR && !KernelPath.vectorAvailable()) {
            return;
        }
        NetworkSpec spec = spec(CellType.LSTM, 7, 4, 3, 6, 2);
        Loss loss = new SymbolValuesLoss(7, 1);
        float[] params = RandomBatches.params(spec, 58, 0.7);
        Batch batch = batch(spec, loss, 2, 12, 59);
        Bptt bptt = new Bptt(spec, loss, 2, 12);
        bptt.forward(params, batch, 0, 2);
        Network network = Network.of(spec, params, path);
        int n = spec.inputSize();
        float[] x = new float[n];
        float[] out = new float[spec.outputSize()];
        for (int b = 0; b < 2; b++) {
            float[] state = Arrays.copyOfRange(batch.initialState(), b * spec.stateSize(), (b + 1) * spec.stateSize());
            for (int t = 0; t < 12; t++) {
                System.arraycopy(batch.inputs(), (b * 12 + t) * n, x, 0, n);
                network.step(state, x, out);
                for (int j = 0; j < out.length; j++) {
                    assertThat(out[j]).as("%s row %d step %d output %d", path, b, t, j)
                            .isCloseTo(bptt.output(b, t, j), within(1e-5f));
                }
            }
        }
    }

    @Test
    void shouldLayOutTheValuesBesideTheEmbedding() {
        NetworkSpec spec = spec(CellType.LSTM, 6, 3, 2, 4, 1);
        assertThat(spec.inputSize()).isEqualTo(3);
        assertThat(spec.embeddingDim()).isEqualTo(3);
        assertThat(spec.embeddedValues()).isEqualTo(2);
        assertThat(spec.layer(0).inputSize()).isEqualTo(5);
        assertThat(spec.paramCount()).isEqualTo(spec.embeddingOffset() + 18);
        assertThat(spec).isNotEqualTo(spec(CellType.LSTM, 6, 5, 0, 4, 1));
        assertThatThrownBy(() -> NetworkSpec.embedded(6, 5, List.of(new LayerSpec(CellType.LSTM, 5, 4)), 1, 11))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no room for an embedding");
    }

    @Test
    void shouldRejectAHeadThatDoesNotFitTheLoss() {
        NetworkSpec spec = spec(CellType.LSTM, 6, 3, 2, 4, 1);
        assertThatThrownBy(() -> new SymbolValuesLoss(5, 1).targetSize(spec))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SymbolValuesLoss(6, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new SymbolValuesLoss(6, 1).targetSize(spec)).isEqualTo(3);
    }
}
