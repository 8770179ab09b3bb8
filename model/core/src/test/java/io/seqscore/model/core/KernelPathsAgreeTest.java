package io.seqscore.model.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.seqscore.model.core.math.KernelPath;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * On random networks of every cell, 1–3 layers, input 1/3/8 and hidden 1/5/16/64/128 (odd sizes leave
 * partly filled vectors): the scalar path is within 1e-5 of a double-precision reference and the vector
 * path within 1e-5 of the scalar path, state and forecast, at every step.
 */
class KernelPathsAgreeTest {
    private static final float TOLERANCE = 1e-5f;
    private static final int STEPS = 6;

    static Stream<Arguments> networks() {
        List<Arguments> args = new ArrayList<>();
        for (CellType cell : CellType.values()) {
            for (int layers = 1; layers <= 3; layers++) {
                for (int input : new int[] {1, 3, 8}) {
                    for (int hidden : new int[] {1, 5, 16, 64, 128}) {
                        args.add(Arguments.of(cell, layers, input, hidden));
                    }
                }
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0} x{1} input {2} hidden {3}")
    @MethodSource("networks")
    void scalarMatchesDoubleReferenceAndVectorMatchesScalar(CellType cell, int layers, int input, int hidden) {
        NetworkSpec spec = NetworkSpec.uniform(cell, input, hidden, layers, 2, 2);
        long seed = 31L * hidden + 7L * input + layers + 1000L * cell.ordinal();
        float[] params = RandomNets.params(spec, seed);
        float[][] xs = RandomNets.inputs(STEPS, input, seed + 1);
        float[] start = RandomNets.state(spec, seed + 2);

        Network scalar = Network.of(spec, params, KernelPath.SCALAR);
        DoubleReference reference = new DoubleReference(spec, params);
        float[] s = start.clone();
        double[] d = new double[start.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = start[i];
        }
        float[][] scalarStates = new float[STEPS][];
        float[][] scalarOuts = new float[STEPS][spec.outputSize()];
        for (int t = 0; t < STEPS; t++) {
            scalar.step(s, xs[t], scalarOuts[t]);
            double[] out = reference.step(d, xs[t]);
            assertClose("scalar state vs double reference at step " + t, d, s);
            assertClose("scalar forecast vs double reference at step " + t, out, scalarOuts[t]);
            scalarStates[t] = s.clone();
        }

        assumeTrue(KernelPath.vectorAvailable(), "vector module absent");
        Network vector = Network.of(spec, params, KernelPath.VECTOR);
        float[] v = start.clone();
        float[] out = new float[spec.outputSize()];
        for (int t = 0; t < STEPS; t++) {
            vector.step(v, xs[t], out);
            assertThat(v).as("vector state vs scalar at step %d", t).containsExactly(scalarStates[t], withinTolerance());
            assertThat(out).as("vector forecast vs scalar at step %d", t).containsExactly(scalarOuts[t], withinTolerance());
        }
    }

    private static org.assertj.core.data.Offset<Float> withinTolerance() {
        return org.assertj.core.data.Offset.offset(TOLERANCE);
    }

    private static void assertClose(String what, double[] expected, float[] actual) {
        double[] a = new double[actual.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = actual[i];
        }
        assertThat(a).as(what).containsExactly(expected, org.assertj.core.data.Offset.offset((double) TOLERANCE));
    }
}
