package io.seqscore.model.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seqscore.model.core.math.KernelPath;
import org.junit.jupiter.api.Test;

class NetworkValidationTest {
    // layer 0 LSTM in 2 u 3: W 12x2 @0, U 12x3 @24, b 12 @60; layer 1 GRU-after in 3 u 4: W 12x3 @72,
    // U 12x4 @108, b @156, bR @168; head H 1 D 2: Wy 2x4 @180, by @188; 190 floats
    private static final NetworkSpec SPEC = new NetworkSpec(2, java.util.List.of(
            new LayerSpec(CellType.LSTM, 2, 3), new LayerSpec(CellType.GRU_RESET_AFTER, 3, 4)), 1, 2);

    @Test
    void rejectsAParameterArrayOfTheWrongLength() {
        assertThat(SPEC.paramCount()).isEqualTo(190);
        assertThatThrownBy(() -> Network.of(SPEC, new float[189], KernelPath.SCALAR))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected 190 parameters for " + SPEC + ", got 189");
    }

    @Test
    void namesTheTensorAndIndexOfTheFirstNonFiniteWeight() {
        assertRejected(108 + 3 * 4 + 2, Float.NaN, "layer 1 U[3][2] is NaN");
        assertRejected(24 + 7 * 3 + 1, Float.POSITIVE_INFINITY, "layer 0 U[7][1] is Infinity");
        assertRejected(1, Float.NEGATIVE_INFINITY, "layer 0 W[0][1] is -Infinity");
        assertRejected(72 + 11 * 3 + 2, Float.NaN, "layer 1 W[11][2] is NaN");
        assertRejected(60 + 11, Float.NaN, "layer 0 b[11] is NaN");
        assertRejected(156 + 5, Float.NaN, "layer 1 b[5] is NaN");
        assertRejected(168 + 11, Float.NaN, "layer 1 bR[11] is NaN");
        assertRejected(180 + 4 + 3, Float.NaN, "head Wy[1][3] is NaN");
        assertRejected(189, Float.NaN, "head by[1] is NaN");
    }

    private static void assertRejected(int index, float value, String message) {
        for (KernelPath path : KernelPaths.available()) {
            float[] p = new float[SPEC.paramCount()];
            p[index] = value;
            assertThatThrownBy(() -> Network.of(SPEC, p, path))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
        }
    }

    @Test
    void copiesTheParametersInAndOut() {
        float[] p = RandomNets.params(SPEC, 3);
        float[] original = p.clone();
        Network net = Network.of(SPEC, p, KernelPath.SCALAR);
        float[] s1 = net.newState();
        float[] out1 = new float[2];
        net.step(s1, new float[] {0.5f, -1f}, out1);

        java.util.Arrays.fill(p, 9f);
        net.copyParams()[0] = 42f;
        float[] s2 = net.newState();
        float[] out2 = new float[2];
        net.step(s2, new float[] {0.5f, -1f}, out2);

        assertThat(net.copyParams()).containsExactly(original);
        assertThat(s2).containsExactly(s1);
        assertThat(out2).containsExactly(out1);
    }

    @Test
    void reportsItsShape() {
        Network net = Network.of(SPEC, new float[190], KernelPath.SCALAR);
        assertThat(net.spec()).isSameAs(SPEC);
        assertThat(net.inputSize()).isEqualTo(2);
        assertThat(net.stateSize()).isEqualTo(10);
        assertThat(net.outputSize()).isEqualTo(2);
        assertThat(net.newState()).hasSize(10).containsOnly(0f);
        assertThat(net.kernelPath()).isEqualTo(KernelPath.SCALAR);
    }

    @Test
    void rejectsStepArgumentsOfTheWrongLength() {
        for (KernelPath path : KernelPaths.available()) {
            Network net = Network.of(SPEC, new float[190], path);
            float[] s = net.newState();
            float[] x = new float[2];
            float[] out = new float[2];
            assertThatThrownBy(() -> net.step(new float[9], x, out))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("state has 9 floats, expected 10");
            assertThatThrownBy(() -> net.step(s, new float[3], out))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("x has 3 floats, expected 2");
            assertThatThrownBy(() -> net.step(s, x, new float[1]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("out has 1 floats, expected 2");
            assertThatThrownBy(() -> net.forward(s, new float[3][], new float[2][]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("outs has 2 rows for 3 steps");
            assertThat(s).containsOnly(0f);
        }
    }

    @Test
    void rejectsAWorkspaceTooSmallForTheNetwork() {
        NetworkSpec small = NetworkSpec.uniform(CellType.RNN_TANH, 2, 1, 1, 1, 2);
        for (KernelPath path : KernelPaths.available()) {
            Network net = Network.of(SPEC, new float[190], path);
            Workspace tiny = Network.of(small, new float[small.paramCount()], path).newWorkspace();
            assertThatThrownBy(() -> net.step(net.newState(), new float[2], new float[2], tiny))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("workspace").hasMessageContaining("too small");
        }
    }

    @Test
    void rejectsNulls() {
        assertThatThrownBy(() -> Network.of(null, new float[1], KernelPath.SCALAR)).hasMessage("spec");
        assertThatThrownBy(() -> Network.of(SPEC, null, KernelPath.SCALAR)).hasMessage("params");
        assertThatThrownBy(() -> Network.of(SPEC, new float[190], null)).hasMessage("path");
    }
}
