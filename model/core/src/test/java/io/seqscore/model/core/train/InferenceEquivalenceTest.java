package io.seqscore.model.core.train;

import io.seqscore.model.core.CellType;
import io.seqscore.model.core.LayerSpec;
import io.seqscore.model.core.Network;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.model.core.math.KernelPath;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Training's forward is the model that inference serves: on random networks of every cell, stacked and
 * with a multi-horizon head, every per-step head output and the final state of {@link Bptt} equal those
 * of {@link Network#step} from the same initial state, within 1e-5, on both kernel paths.
 */
class InferenceEquivalenceTest {

    @ParameterizedTest
    @EnumSource(CellType.class)
    void trainingForwardEqualsStreamingInference(CellType cell) {
        NetworkSpec spec = new NetworkSpec(3, List.of(new LayerSpec(cell, 3, 7), new LayerSpec(cell, 7, 5)), 3, 2);
        float[] params = RandomBatches.params(spec, 31 + cell.ordinal(), 0.7);
        int rows = 3;
        int steps = 20;
        Batch batch = RandomBatches.batch(spec, Loss.MSE, rows, steps, 32);
        Bptt bptt = new Bptt(spec, Loss.MSE, rows, steps);
        bptt.forward(params, batch, 0, rows);
        float[] finalState = new float[spec.stateSize()];

        for (KernelPath path : KernelPath.values()) {
            if (path == KernelPath.VECTOR && !KernelPath.vectorAvailable()) {
                continue;
            }
            Network network = Network.of(spec, params, path);
            for (int b = 0; b < rows; b++) {
                float[] state = java.util.Arrays.copyOfRange(batch.initialState(), b * spec.stateSize(), (b + 1) * spec.stateSize());
                float[] x = new float[spec.inputSize()];
                float[] out = new float[spec.outputSize()];
                for (int t = 0; t < steps; t++) {
                    System.arraycopy(batch.inputs(), (b * steps + t) * spec.inputSize(), x, 0, x.length);
                    network.step(state, x, out);
                    for (int j = 0; j < out.length; j++) {
                        assertThat(bptt.output(b, t, j)).as("%s %s row %d step %d output %d", cell, path, b, t, j)
                                .isCloseTo(out[j], within(1e-5f));
                    }
                }
                bptt.finalState(b, finalState, 0);
                for (int i = 0; i < state.length; i++) {
                    assertThat(finalState[i]).as("%s %s row %d state %d", cell, path, b, i).isCloseTo(state[i], within(1e-5f));
                }
            }
        }
    }
}
