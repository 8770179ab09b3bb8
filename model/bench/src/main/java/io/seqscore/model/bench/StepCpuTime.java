package io.seqscore.model.bench;

import io.seqscore.model.core.CellType;
import io.seqscore.model.core.Network;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.model.core.Workspace;
import io.seqscore.model.core.math.KernelPath;
import io.seqscore.model.core.math.VectorKernels;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@link StepBenchmark}'s step (LSTM, one value, one layer, vector kernels) timed by the thread's CPU time instead
 * of the wall clock, for a machine shared with other work, where JMH's wall-clock times measure the scheduler:
 * 400,000 warm-up steps, then 21 blocks of 20,000 steps; prints the median and the fastest block per step.
 * <pre>
 * java --add-modules jdk.incubator.vector [-XX:MaxVectorSize=32] -cp model/bench/target/benchmarks.jar \
 *      io.seqscore.model.bench.StepCpuTime 16 64
 * </pre>
 */
public final class StepCpuTime {
    private static final int WARMUP_STEPS = 400_000;
    private static final int BLOCKS = 21;
    private static final int STEPS_PER_BLOCK = 20_000;

    private StepCpuTime() {
    }

    public static void main(String[] args) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (String arg : args.length == 0 ? new String[] {"64"} : args) {
            int hidden = Integer.parseInt(arg);
            NetworkSpec spec = NetworkSpec.uniform(CellType.LSTM, 1, hidden, 1);
            Network network = Network.of(spec, BenchNets.params(spec, 1), KernelPath.VECTOR);
            Workspace workspace = network.newWorkspace();
            float[] state = network.newState();
            float[] out = new float[network.outputSize()];
            float[][] xs = BenchNets.sineInputs(256, 1, 2);
            float sink = 0;
            for (int i = 0; i < WARMUP_STEPS; i++) {
                network.step(state, xs[i & 255], out, workspace);
                sink += out[0];
            }
            double[] nanos = new double[BLOCKS];
            for (int b = 0; b < BLOCKS; b++) {
                long start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < STEPS_PER_BLOCK; i++) {
                    network.step(state, xs[i & 255], out, workspace);
                    sink += out[0];
                }
                nanos[b] = (threads.getCurrentThreadCpuTime() - start) / (double) STEPS_PER_BLOCK;
            }
            Arrays.sort(nanos);
            System.out.printf(Locale.ROOT, "LSTM hidden %d, %d float lanes: CPU ns/step median %.0f, fastest block %.0f%s%n",
                    hidden, VectorKernels.lanes(), nanos[BLOCKS / 2], nanos[0], Float.isNaN(sink) ? " (NaN)" : "");
        }
    }
}
