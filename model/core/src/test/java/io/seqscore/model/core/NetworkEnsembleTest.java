package io.seqscore.model.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.seqscore.model.core.math.KernelPath;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A fused ensemble forecasts the mean of its members, steps block by block, and keeps each member's state apart. */
class NetworkEnsembleTest {
    static Stream<KernelPath> paths() {
        return KernelPaths.available().stream();
    }

    /** Two one-unit LSTMs written out by hand: the fused forecast is the mean of the two forecasts. */
    @ParameterizedTest
    @MethodSource("paths")
    void shouldForecastTheMeanOfTwoMembersComputedByHand(KernelPath path) {
        NetworkSpec member = NetworkSpec.uniform(CellType.LSTM, 1, 1, 1, 1, 1);
        // W (i, f, g, o), U (i, f, g, o), b (i, f, g, o), head W, head b
        float[] a = {0.5f, -0.3f, 0.8f, 0.2f, 0.1f, 0.4f, -0.6f, 0.3f, 0f, 0.2f, -0.1f, 0.05f, 1.5f, 0.25f};
        float[] b = {-0.4f, 0.6f, 0.3f, -0.7f, 0.2f, -0.1f, 0.5f, 0.9f, 0.1f, -0.2f, 0.3f, 0f, -2.0f, 1.0f};
        Network fused = Network.of(NetworkEnsemble.fusedSpec(member, 2), NetworkEnsemble.fuse(member, List.of(a, b)), path);
        float[] state = fused.newState();
        float[] out = new float[1];
        double[] ha = new double[2];
        double[] hb = new double[2];
        for (float x : new float[] {1f, -0.5f, 2f, 0.25f, -1.5f}) {
            fused.step(state, new float[] {x}, out);
            double expected = (lstmByHand(a, ha, x) + lstmByHand(b, hb, x)) / 2;
            assertThat((double) out[0]).isCloseTo(expected, within(1e-5));
        }
        assertThat(fused.blockCount()).isEqualTo(2);
        assertThat(state).hasSize(4);
        assertThat((double) state[0]).as("member a's h").isCloseTo(ha[0], within(1e-6));
        assertThat((double) state[1]).as("member b's h").isCloseTo(hb[0], within(1e-6));
        assertThat((double) state[2]).as("member a's c").isCloseTo(ha[1], within(1e-6));
        assertThat((double) state[3]).as("member b's c").isCloseTo(hb[1], within(1e-6));
    }

    /** One step of a one-unit LSTM with input 1 and a one-value head; hc = {h, c}, updated. */
    private static double lstmByHand(float[] p, double[] hc, float x) {
        double i = sigmoid(p[0] * x + p[4] * hc[0] + p[8]);
        double f = sigmoid(p[1] * x + p[5] * hc[0] + p[9]);
        double g = Math.tanh(p[2] * x + p[6] * hc[0] + p[10]);
        double o = sigmoid(p[3] * x + p[7] * hc[0] + p[11]);
        hc[1] = f * hc[1] + i * g;
        hc[0] = o * Math.tanh(hc[1]);
        return p[12] * hc[0] + p[13];
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    /** Three members of two layers, every cell: the fused forecast is the mean of the members stepped apart. */
    @ParameterizedTest
    @MethodSource("paths")
    void shouldForecastTheMeanOfItsMembersForEveryCell(KernelPath path) {
        for (CellType cell : CellType.values()) {
            NetworkSpec member = RandomNets.stack(3, 5, 4, 2, cell, cell);
            List<float[]> params = new ArrayList<>();
            List<Network> members = new ArrayList<>();
            for (int m = 0; m < 3; m++) {
                params.add(RandomNets.params(member, 10 + m));
                members.add(Network.of(member, params.get(m), path));
            }
            Network fused = Network.of(NetworkEnsemble.fusedSpec(member, 3), NetworkEnsemble.fuse(member, params), path);
            assertThat(fused.blockCount()).as(cell.name()).isEqualTo(3);
            assertThat(fused.stateSize()).isEqualTo(3 * member.stateSize());
            float[] state = fused.newState();
            float[][] memberStates = {members.get(0).newState(), members.get(1).newState(), members.get(2).newState()};
            float[] out = new float[fused.outputSize()];
            float[] memberOut = new float[fused.outputSize()];
            for (float[] x : RandomNets.inputs(40, 3, 99)) {
                fused.step(state, x, out);
                double[] mean = new double[out.length];
                for (int m = 0; m < 3; m++) {
                    members.get(m).step(memberStates[m], x, memberOut);
                    for (int i = 0; i < out.length; i++) {
                        mean[i] += memberOut[i] / 3.0;
                    }
                }
                for (int i = 0; i < out.length; i++) {
                    assertThat((double) out[i]).as("%s output %d", cell, i).isCloseTo(mean[i], within(2e-5));
                }
            }
        }
    }

    /** The fused weights, read densely in double (the dense step's math), give the block-by-block step's forecast. */
    @ParameterizedTest
    @MethodSource("paths")
    void shouldStepBlockByBlockAsTheDenseNetworkComputes(KernelPath path) {
        NetworkSpec member = RandomNets.stack(2, 6, 3, 1, CellType.LSTM, CellType.GRU_RESET_AFTER);
        List<float[]> params = List.of(RandomNets.params(member, 1), RandomNets.params(member, 2));
        NetworkSpec spec = NetworkEnsemble.fusedSpec(member, 2);
        float[] fusedParams = NetworkEnsemble.fuse(member, params);
        Network fused = Network.of(spec, fusedParams, path);
        DoubleReference dense = new DoubleReference(spec, fusedParams);
        float[] state = fused.newState();
        double[] reference = new double[spec.stateSize()];
        float[] out = new float[fused.outputSize()];
        for (float[] x : RandomNets.inputs(30, 2, 5)) {
            fused.step(state, x, out);
            double[] expected = dense.step(reference, x);
            for (int i = 0; i < out.length; i++) {
                assertThat((double) out[i]).isCloseTo(expected[i], within(2e-5));
            }
        }
    }

    @Test
    void shouldStepDenselyANetworkWithoutBlocks() {
        NetworkSpec spec = RandomNets.stack(3, 8, 2, 1, CellType.LSTM);
        assertThat(Network.of(spec, RandomNets.params(spec, 3)).blockCount()).isEqualTo(1);
        NetworkSpec member = RandomNets.stack(3, 4, 2, 1, CellType.LSTM);
        float[] fused = NetworkEnsemble.fuse(member, List.of(RandomNets.params(member, 1), RandomNets.params(member, 2)));
        fused[NetworkEnsemble.fusedSpec(member, 2).uOffset(0) + 5] = 0.01f;
        assertThat(Network.of(NetworkEnsemble.fusedSpec(member, 2), fused).blockCount())
                .as("one weight across the blocks").isEqualTo(1);
    }

    @Test
    void shouldRefuseMembersOfAnotherShapeAndSymbolNetworks() {
        NetworkSpec member = RandomNets.stack(3, 4, 2, 1, CellType.LSTM);
        assertThatThrownBy(() -> NetworkEnsemble.fuse(member, List.of(RandomNets.params(member, 1), new float[3])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("member 1 has 3 parameters");
        assertThatThrownBy(() -> NetworkEnsemble.fusedSpec(member, 0)).isInstanceOf(IllegalArgumentException.class);
        NetworkSpec symbols = NetworkSpec.embedded(5, List.of(new LayerSpec(CellType.LSTM, 4, 4)), 1, 5);
        assertThatThrownBy(() -> NetworkEnsemble.fusedSpec(symbols, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("embedding");
    }

    /**
     * Three next-symbol members of two layers: block m of the fused network's outputs is member m's logits, stepped
     * apart, and the mixture is the mean of the members' softmaxes computed here by hand (in double).
     */
    @ParameterizedTest
    @MethodSource("paths")
    void shouldFuseNextSymbolMembersIntoTheMeanOfTheirSoftmaxes(KernelPath path) {
        int v = 5;
        NetworkSpec member = NetworkSpec.embedded(v, List.of(new LayerSpec(CellType.LSTM, 3, 4),
                new LayerSpec(CellType.LSTM, 4, 4)), 1, v);
        List<float[]> params = new ArrayList<>();
        List<Network> members = new ArrayList<>();
        for (int m = 0; m < 3; m++) {
            params.add(RandomNets.params(member, 20 + m));
            members.add(Network.of(member, params.get(m), path));
        }
        NetworkSpec fusedSpec = NetworkEnsemble.fusedSymbolSpec(member, 3);
        Network fused = Network.of(fusedSpec, NetworkEnsemble.fuseSymbols(member, params), path);
        HeadKinds.check(SoftmaxMixtureHead.of(3), fusedSpec);
        assertThat(fused.blockCount()).isEqualTo(3);
        assertThat(fused.stateSize()).isEqualTo(3 * member.stateSize());
        assertThat(HeadKinds.forecastSpec(SoftmaxMixtureHead.of(3), fusedSpec).outputDim()).isEqualTo(v);
        float[] state = fused.newState();
        float[][] memberStates = {members.get(0).newState(), members.get(1).newState(), members.get(2).newState()};
        float[] out = new float[3 * v];
        float[] memberOut = new float[v];
        float[] mixture = new float[v];
        for (int symbol : new int[] {1, 3, 0, 4, 2, 2, 1}) {
            float[] x = {symbol};
            fused.step(state, x, out);
            SoftmaxMixtureHead.mean(out, 3, v, mixture);
            double[] expected = new double[v];
            for (int m = 0; m < 3; m++) {
                members.get(m).step(memberStates[m], x, memberOut);
                for (int j = 0; j < v; j++) {
                    assertThat(out[m * v + j]).as("member %d's logit %d, bit for bit (block m is member m's step)", m, j)
                            .isEqualTo(memberOut[j]);
                }
                double sum = 0;
                for (int j = 0; j < v; j++) {
                    sum += Math.exp(memberOut[j]);
                }
                for (int j = 0; j < v; j++) {
                    expected[j] += Math.exp(memberOut[j]) / sum / 3;
                }
            }
            double total = 0;
            for (int j = 0; j < v; j++) {
                assertThat((double) mixture[j]).as("p(%d)", j).isCloseTo(expected[j], within(1e-6));
                total += mixture[j];
            }
            assertThat(total).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void shouldRefuseAMixtureHeadOfTheWrongShape() {
        NetworkSpec member = NetworkSpec.embedded(5, List.of(new LayerSpec(CellType.LSTM, 3, 4)), 1, 5);
        assertThatThrownBy(() -> HeadKinds.check(SoftmaxMixtureHead.of(3), member))
                .hasMessageContaining("3 blocks of one logit per symbol");
        assertThatThrownBy(() -> HeadKinds.check(new HeadSpec(SoftmaxMixtureHead.KIND, java.util.Map.of()),
                NetworkEnsemble.fusedSymbolSpec(member, 2))).hasMessageContaining("members");
        assertThatThrownBy(() -> NetworkEnsemble.fusedSpec(member, 2)).hasMessageContaining("fusedSymbolSpec");
    }
}
