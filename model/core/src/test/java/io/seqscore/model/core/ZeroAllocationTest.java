package io.seqscore.model.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.seqscore.model.core.math.KernelPath;
import java.lang.management.ManagementFactory;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * After warm-up a step allocates nothing, on either path and with either workspace form; and what a step
 * computes does not depend on how far the JIT has got (interpreted and compiled code give the same bits).
 */
class ZeroAllocationTest {
    private static final int WARM_UP_STEPS = 40_000;
    private static final int MEASURED_STEPS = 10_000;
    private static final int ATTEMPTS = 5;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    static Stream<KernelPath> paths() {
        return KernelPaths.available().stream();
    }

    @ParameterizedTest
    @MethodSource("paths")
    void aWarmStepAllocatesNothing(KernelPath path) {
        NetworkSpec spec = RandomNets.stack(3, 20, 2, 3,
                CellType.LSTM, CellType.GRU_RESET_AFTER, CellType.GRU_RESET_BEFORE, CellType.RNN_TANH, CellType.RNN_RELU);
        Network net = Network.of(spec, RandomNets.params(spec, 5), path);
        float[][] xs = RandomNets.inputs(64, 3, 6);
        float[] s = net.newState();
        float[] out = new float[net.outputSize()];
        Workspace ws = net.newWorkspace();

        float[] firstOuts = steps(net, s, xs, out, ws, 64);
        assertWarmStepsAllocateNothing(net, s, xs, out, ws, "steps");

        assertThat(steps(net, net.newState(), xs, out, ws, 64))
                .as("the first 64 steps again, now compiled").containsExactly(firstOuts);
    }

    @ParameterizedTest
    @MethodSource("paths")
    void aWarmStepOfASymbolNetworkAllocatesNothing(KernelPath path) {
        NetworkSpec spec = NetworkSpec.embedded(32, java.util.List.of(new LayerSpec(CellType.LSTM, 16, 64)), 1, 32);
        Network net = Network.of(spec, RandomNets.params(spec, 7), path);
        float[][] xs = new float[64][1];
        for (int t = 0; t < xs.length; t++) {
            xs[t][0] = (t * 7) % 32;
        }
        assertWarmStepsAllocateNothing(net, xs, "symbol steps");
    }

    @ParameterizedTest
    @MethodSource("paths")
    void aWarmStepOfASymbolAndValuesNetworkAllocatesNothing(KernelPath path) {
        NetworkSpec spec = NetworkSpec.embedded(32, 3, java.util.List.of(new LayerSpec(CellType.LSTM, 16 + 3, 64)), 1,
                32 + 3);
        Network net = Network.of(spec, RandomNets.params(spec, 8), path);
        float[][] xs = new float[64][4];
        for (int t = 0; t < xs.length; t++) {
            xs[t][0] = (t * 7) % 32;
            xs[t][1] = (float) Math.sin(t);
            xs[t][2] = t * 0.01f;
            xs[t][3] = -1f;
        }
        assertWarmStepsAllocateNothing(net, xs, "symbol and values steps");
    }

    @ParameterizedTest
    @MethodSource("paths")
    void aWarmStepOfAFusedEnsembleAllocatesNothing(KernelPath path) {
        NetworkSpec member = RandomNets.stack(3, 16, 4, 1, CellType.LSTM, CellType.LSTM);
        Network net = Network.of(NetworkEnsemble.fusedSpec(member, 3), NetworkEnsemble.fuse(member,
                java.util.List.of(RandomNets.params(member, 1), RandomNets.params(member, 2), RandomNets.params(member, 3))),
                path);
        assertThat(net.blockCount()).isEqualTo(3);
        float[][] xs = RandomNets.inputs(64, 3, 6);
        assertWarmStepsAllocateNothing(net, xs, "ensemble steps");
    }

    @ParameterizedTest
    @MethodSource("paths")
    void aWarmStepOfAFusedNextSymbolEnsembleAndItsMixtureAllocatesNothing(KernelPath path) {
        NetworkSpec member = NetworkSpec.embedded(32, java.util.List.of(new LayerSpec(CellType.LSTM, 16, 64),
                new LayerSpec(CellType.LSTM, 64, 64)), 1, 32);
        Network net = Network.of(NetworkEnsemble.fusedSymbolSpec(member, 3), NetworkEnsemble.fuseSymbols(member,
                java.util.List.of(RandomNets.params(member, 1), RandomNets.params(member, 2), RandomNets.params(member, 3))),
                path);
        assertThat(net.blockCount()).isEqualTo(3);
        float[][] xs = new float[64][1];
        for (int t = 0; t < xs.length; t++) {
            xs[t][0] = (t * 7) % 32;
        }
        assertWarmStepsAllocateNothing(net, xs, "fused next-symbol ensemble steps");
        float[] out = new float[net.outputSize()];
        float[] p = new float[32];
        net.step(net.newState(), xs[1], out);
        for (int i = 0; i < WARM_UP_STEPS; i++) {
            SoftmaxMixtureHead.mean(out, 3, 32, p);
        }
        long id = Thread.currentThread().getId();
        long allocated = Long.MAX_VALUE;
        for (int attempt = 0; attempt < ATTEMPTS && allocated > 0; attempt++) {
            long before = THREADS.getThreadAllocatedBytes(id);
            for (int i = 0; i < MEASURED_STEPS; i++) {
                SoftmaxMixtureHead.mean(out, 3, 32, p);
            }
            long after = THREADS.getThreadAllocatedBytes(id);
            allocated = Math.min(allocated, after - before - (THREADS.getThreadAllocatedBytes(id) - after));
        }
        assertThat(allocated).as("bytes allocated by %d mixtures of 3 × 32 logits", MEASURED_STEPS).isZero();
    }

    /** As below, from a fresh state into a fresh output and workspace. */
    private static void assertWarmStepsAllocateNothing(Network net, float[][] xs, String what) {
        assertWarmStepsAllocateNothing(net, net.newState(), xs, new float[net.outputSize()], net.newWorkspace(), what);
    }

    /** Warms both step paths up, then asserts that MEASURED_STEPS steps from s allocate nothing (best of ATTEMPTS). */
    private static void assertWarmStepsAllocateNothing(Network net, float[] s, float[][] xs, float[] out, Workspace ws,
                                                       String what) {
        steps(net, net.newState(), xs, out, ws, WARM_UP_STEPS);
        steps(net, net.newState(), xs, out, null, WARM_UP_STEPS);
        long explicit = Long.MAX_VALUE;
        long perThread = Long.MAX_VALUE;
        for (int attempt = 0; attempt < ATTEMPTS && (explicit > 0 || perThread > 0); attempt++) {
            explicit = Math.min(explicit, allocatedBy(net, s, xs, out, ws));
            perThread = Math.min(perThread, allocatedBy(net, s, xs, out, null));
        }
        assertThat(explicit).as("bytes allocated by %d %s with an explicit workspace", MEASURED_STEPS, what).isZero();
        assertThat(perThread).as("bytes allocated by %d %s with the per-thread workspace", MEASURED_STEPS, what).isZero();
    }

    /** Bytes the current thread allocates over MEASURED_STEPS steps, less what reading the counter costs. */
    private static long allocatedBy(Network net, float[] s, float[][] xs, float[] out, Workspace ws) {
        long id = Thread.currentThread().getId();
        long before = THREADS.getThreadAllocatedBytes(id);
        for (int t = 0; t < MEASURED_STEPS; t++) {
            if (ws == null) {
                net.step(s, xs[t % xs.length], out);
            } else {
                net.step(s, xs[t % xs.length], out, ws);
            }
        }
        long after = THREADS.getThreadAllocatedBytes(id);
        long idle = THREADS.getThreadAllocatedBytes(id);
        return after - before - (idle - after);
    }

    /** Runs n steps cycling through xs; returns the outputs of the first min(n, 64) of them. */
    private static float[] steps(Network net, float[] s, float[][] xs, float[] out, Workspace ws, int n) {
        float[] trace = new float[Math.min(n, 64) * out.length];
        for (int t = 0; t < n; t++) {
            if (ws == null) {
                net.step(s, xs[t % xs.length], out);
            } else {
                net.step(s, xs[t % xs.length], out, ws);
            }
            if (t < 64) {
                System.arraycopy(out, 0, trace, t * out.length, out.length);
            }
        }
        return trace;
    }
}
