package io.seqscore.model.core.train;

import io.seqscore.model.core.CellType;
import io.seqscore.model.core.LayerSpec;
import io.seqscore.model.core.NetworkSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WeightInitTest {
    private static final NetworkSpec MIXED = new NetworkSpec(3, List.of(new LayerSpec(CellType.LSTM, 3, 8),
            new LayerSpec(CellType.GRU_RESET_AFTER, 8, 6), new LayerSpec(CellType.RNN_TANH, 6, 5)), 2, 2);

    @Test
    void sameSeedGivesBitIdenticalWeightsAndAnotherSeedOthers() {
        float[] a = WeightInit.initialize(MIXED, 42);
        float[] b = WeightInit.initialize(MIXED, 42);
        float[] c = WeightInit.initialize(MIXED, 43);
        assertThat(a).containsExactly(b);
        int same = 0;
        for (int i = 0; i < a.length; i++) {
            same += a[i] == c[i] ? 1 : 0;
        }
        // only the structural values (zeros, forget bias 1, RNN identity) coincide
        int structural = 8 * 4 + 6 * 3 * 2 + 5 + 5 * 5 + 4;
        assertThat(same).isEqualTo(structural);
    }

    @Test
    void recurrentGateBlocksAreOrthogonal() {
        float[] p = WeightInit.initialize(MIXED, 7);
        for (int k = 0; k < 2; k++) {
            LayerSpec l = MIXED.layer(k);
            int u = l.units();
            for (int g = 0; g < l.cell().gates(); g++) {
                int off = MIXED.uOffset(k) + g * u * u;
                for (int r = 0; r < u; r++) {
                    for (int s = 0; s < u; s++) {
                        double dot = 0;
                        for (int c = 0; c < u; c++) {
                            dot += (double) p[off + r * u + c] * p[off + s * u + c];
                        }
                        assertThat(dot).as("layer %d gate %d rows %d·%d", k, g, r, s).isCloseTo(r == s ? 1 : 0, within(1e-6));
                    }
                }
            }
        }
    }

    @Test
    void plainRnnRecurrentWeightsAreTheIdentity() {
        float[] p = WeightInit.initialize(MIXED, 7);
        int off = MIXED.uOffset(2);
        for (int r = 0; r < 5; r++) {
            for (int c = 0; c < 5; c++) {
                assertThat(p[off + r * 5 + c]).isEqualTo(r == c ? 1f : 0f);
            }
        }
    }

    @Test
    void biasesAreZeroExceptTheLstmForgetGateAtOne() {
        float[] p = WeightInit.initialize(MIXED, 7);
        for (int j = 0; j < 32; j++) {
            assertThat(p[MIXED.bOffset(0) + j]).isEqualTo(j >= 8 && j < 16 ? 1f : 0f);
        }
        for (int j = 0; j < 18; j++) {
            assertThat(p[MIXED.bOffset(1) + j]).isZero();
            assertThat(p[MIXED.bRecOffset(1) + j]).isZero();
        }
        for (int j = 0; j < 5; j++) {
            assertThat(p[MIXED.bOffset(2) + j]).isZero();
        }
        for (int j = 0; j < 4; j++) {
            assertThat(p[MIXED.headBOffset() + j]).isZero();
        }
    }

    @Test
    void inputAndHeadWeightsAreGlorotUniform() {
        NetworkSpec spec = NetworkSpec.uniform(CellType.LSTM, 40, 60, 1, 1, 20);
        float[] p = WeightInit.initialize(spec, 3);
        // W per gate block [60][40]: a = √(6/100); U(−a, a) has variance a²/3 = 0.02
        assertUniform(p, spec.wOffset(0), 4 * 60 * 40, Math.sqrt(6.0 / 100));
        // head [20][60]: a = √(6/80)
        assertUniform(p, spec.headWOffset(), 20 * 60, Math.sqrt(6.0 / 80));
    }

    private static void assertUniform(float[] p, int off, int n, double limit) {
        double sum = 0;
        double sq = 0;
        for (int i = off; i < off + n; i++) {
            assertThat(Math.abs(p[i])).isLessThanOrEqualTo((float) limit);
            sum += p[i];
            sq += (double) p[i] * p[i];
        }
        double variance = limit * limit / 3;
        assertThat(sum / n).isCloseTo(0, within(4 * Math.sqrt(variance / n)));
        assertThat(sq / n).isCloseTo(variance, within(0.05 * variance));
    }
}
