package io.seqscore.model.bench;

import io.seqscore.model.core.CellType;
import io.seqscore.model.core.Network;
import io.seqscore.model.core.NetworkEnsemble;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.model.core.Workspace;
import io.seqscore.model.core.math.KernelPath;
import io.seqscore.model.core.math.VectorKernels;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The cost of one step of a fused ensemble ({@link NetworkEnsemble}) against one member's step, by the thread's CPU
 * time (for a shared machine): the {@code evaluate m4} network (LSTM 64, 4 inputs, a 48-step head, vector kernels),
 * K members fused and stepped block by block as {@link Network#of} builds it, and the same fused network stepped
 * densely (one weight across the blocks set to 1e−20, so the block structure is not found: what a kernel that is
 * not told the structure costs). The three are timed in turns, 21 rounds of 20,000 steps each after 400,000
 * warm-up steps; prints the median CPU ns per step and the network state's bytes per key (4 per float).
 * <pre>
 * java --add-modules jdk.incubator.vector -cp model/bench/target/benchmarks.jar \
 *      io.seqscore.model.bench.EnsembleStepCpuTime 3 5
 * </pre>
 */
public final class EnsembleStepCpuTime {
    private static final int WARMUP_STEPS = 400_000;
    private static final int ROUNDS = 21;
    private static final int STEPS_PER_ROUND = 20_000;
    private static final int INPUTS = 4;
    private static final int HIDDEN = 64;
    private static final int HORIZON = 48;

    private EnsembleStepCpuTime() {
    }

    public static void main(String[] args) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        float[][] xs = BenchNets.sineInputs(256, INPUTS, 2);
        NetworkSpec member = NetworkSpec.uniform(CellType.LSTM, INPUTS, HIDDEN, 1, HORIZON, 1);
        for (String arg : args.length == 0 ? new String[] {"3"} : args) {
            int k = Integer.parseInt(arg);
            List<float[]> params = new ArrayList<>();
            for (int m = 0; m < k; m++) {
                params.add(BenchNets.params(member, 1 + m));
            }
            NetworkSpec spec = NetworkEnsemble.fusedSpec(member, k);
            float[] fused = NetworkEnsemble.fuse(member, params);
            float[] dense = fused.clone();
            dense[spec.uOffset(0) + HIDDEN] = 1e-20f;
            Network[] nets = {Network.of(member, params.get(0), KernelPath.VECTOR),
                    Network.of(spec, fused, KernelPath.VECTOR), Network.of(spec, dense, KernelPath.VECTOR)};
            String[] names = {"one member", "ensemble K=" + k + ", block by block (" + nets[1].blockCount() + " blocks)",
                    "ensemble K=" + k + ", dense (" + nets[2].blockCount() + " block)"};
            double[][] nanos = new double[nets.length][ROUNDS];
            float sink = 0;
            for (Network net : nets) {
                sink += steps(net, net.newWorkspace(), net.newState(), xs, WARMUP_STEPS);
            }
            Workspace[] ws = new Workspace[nets.length];
            float[][] states = new float[nets.length][];
            for (int n = 0; n < nets.length; n++) {
                ws[n] = nets[n].newWorkspace();
                states[n] = nets[n].newState();
            }
            for (int r = 0; r < ROUNDS; r++) {
                for (int n = 0; n < nets.length; n++) {
                    long start = threads.getCurrentThreadCpuTime();
                    sink += steps(nets[n], ws[n], states[n], xs, STEPS_PER_ROUND);
                    nanos[n][r] = (threads.getCurrentThreadCpuTime() - start) / (double) STEPS_PER_ROUND;
                }
            }
            for (int n = 0; n < nets.length; n++) {
                Arrays.sort(nanos[n]);
                System.out.printf(Locale.ROOT, "%-42s CPU ns/step median %6.0f (fastest round %6.0f), state %5d bytes"
                                + " per key%s%n", names[n], nanos[n][ROUNDS / 2], nanos[n][0],
                        nets[n].stateSize() * Float.BYTES, Float.isNaN(sink) ? " (NaN)" : "");
            }
            System.out.printf(Locale.ROOT, "(LSTM %d, %d inputs, %d-step head, %d float lanes)%n", HIDDEN, INPUTS,
                    HORIZON, VectorKernels.lanes());
        }
    }

    private static float steps(Network net, Workspace ws, float[] state, float[][] xs, int count) {
        float[] out = new float[net.outputSize()];
        float sink = 0;
        for (int i = 0; i < count; i++) {
            net.step(state, xs[i & 255], out, ws);
            sink += out[0];
        }
        return sink;
    }
}
