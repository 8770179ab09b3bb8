package io.seqscore.model.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.seqscore.model.core.math.KernelPath;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The vector path reads a head of one output as a scalar fma chain instead of a padded vector block: its output must
 * have the bits the vector block gives the same row, which a head of two outputs (a vector block) still computes.
 */
class OneOutputHeadTest {

    @ParameterizedTest
    @CsvSource({"LSTM, 64, 1", "LSTM, 16, 1", "LSTM, 21, 2", "GRU_RESET_AFTER, 32, 1", "RNN_TANH, 7, 3"})
    void shouldGiveTheOneOutputHeadTheBitsOfTheVectorBlock(CellType cell, int units, int layers) {
        assumeTrue(KernelPath.vectorAvailable(), "vector kernels not available");
        CellType[] cells = new CellType[layers];
        java.util.Arrays.fill(cells, cell);
        NetworkSpec one = RandomNets.stack(1, units, 1, 1, cells);
        NetworkSpec two = RandomNets.stack(1, units, 2, 1, cells);
        float[] p1 = RandomNets.params(one, 11);
        float[] p2 = RandomNets.params(two, 12);
        System.arraycopy(p1, 0, p2, 0, one.headWOffset());
        System.arraycopy(p1, one.headWOffset(), p2, two.headWOffset(), units);
        p2[two.headBOffset()] = p1[one.headBOffset()];
        Network netOne = Network.of(one, p1, KernelPath.VECTOR);
        Network netTwo = Network.of(two, p2, KernelPath.VECTOR);
        float[] s1 = RandomNets.state(one, 13);
        float[] s2 = s1.clone();
        float[] out1 = new float[1];
        float[] out2 = new float[2];
        Workspace w1 = netOne.newWorkspace();
        Workspace w2 = netTwo.newWorkspace();
        float[][] xs = RandomNets.inputs(50, 1, 14);
        int differentFromBias = 0;
        for (float[] x : xs) {
            netOne.step(s1, x, out1, w1);
            netTwo.step(s2, x, out2, w2);
            assertThat(Float.floatToRawIntBits(out1[0])).isEqualTo(Float.floatToRawIntBits(out2[0]));
            assertThat(s1).containsExactly(s2);
            if (out1[0] != p1[one.headBOffset()]) {
                differentFromBias++;
            }
        }
        assertThat(differentFromBias).isEqualTo(xs.length);
    }
}
