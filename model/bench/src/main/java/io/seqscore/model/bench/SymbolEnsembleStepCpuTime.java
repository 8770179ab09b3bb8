package io.seqscore.model.bench;

import io.seqscore.model.core.CellType;
import io.seqscore.model.core.LayerSpec;
import io.seqscore.model.core.Network;
import io.seqscore.model.core.NetworkEnsemble;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.model.core.SoftmaxMixtureHead;
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
 * The cost of one event of a next-symbol ensemble (K members fused by {@link NetworkEnsemble#fuseSymbols}, stepped
 * block by block, then the mixture of their softmaxes, {@link SoftmaxMixtureHead#mean}) against one model's (its step
 * and its softmax), by the thread's CPU time: the default next-symbol architecture (embedding 16, LSTM 2 × 64) over a
 * vocabulary of V = 32 slots, vector kernels. Timed in turns, 21 rounds of 20,000 events each after 200,000 warm-up
 * events; prints the median CPU ns per event and the network state's bytes per key (4 per float).
 * <pre>
 * java --add-modules jdk.incubator.vector -cp model/bench/target/benchmarks.jar \
 *      io.seqscore.model.bench.SymbolEnsembleStepCpuTime 3
 * </pre>
 */
public final class SymbolEnsembleStepCpuTime {
    private static final int WARMUP_EVENTS = 200_000;
    private static final int ROUNDS = 21;
    private static final int EVENTS_PER_ROUND = 20_000;
    private static final int V = 32;
    private static final int EMBEDDING = 16;
    private static final int HIDDEN = 64;

    private SymbolEnsembleStepCpuTime() {
    }

    public static void main(String[] args) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        float[][] xs = new float[256][1];
        for (int t = 0; t < xs.length; t++) {
            xs[t][0] = (t * 7 + t / 5) % V;
        }
        NetworkSpec member = NetworkSpec.embedded(V, List.of(new LayerSpec(CellType.LSTM, EMBEDDING, HIDDEN),
                new LayerSpec(CellType.LSTM, HIDDEN, HIDDEN)), 1, V);
        for (String arg : args.length == 0 ? new String[] {"3"} : args) {
            int k = Integer.parseInt(arg);
            List<float[]> params = new ArrayList<>();
            for (int m = 0; m < k; m++) {
                params.add(BenchNets.params(member, 1 + m));
            }
            Network[] nets = {Network.of(member, params.get(0), KernelPath.VECTOR),
                    Network.of(NetworkEnsemble.fusedSymbolSpec(member, k), NetworkEnsemble.fuseSymbols(member, params),
                            KernelPath.VECTOR)};
            int[] members = {1, k};
            String[] names = {"one model", "ensemble K=" + k + " (" + nets[1].blockCount() + " blocks)"};
            double[][] nanos = new double[nets.length][ROUNDS];
            float sink = 0;
            Workspace[] ws = new Workspace[nets.length];
            float[][] states = new float[nets.length][];
            for (int n = 0; n < nets.length; n++) {
                ws[n] = nets[n].newWorkspace();
                states[n] = nets[n].newState();
                sink += events(nets[n], members[n], ws[n], nets[n].newState(), xs, WARMUP_EVENTS);
            }
            for (int r = 0; r < ROUNDS; r++) {
                for (int n = 0; n < nets.length; n++) {
                    long start = threads.getCurrentThreadCpuTime();
                    sink += events(nets[n], members[n], ws[n], states[n], xs, EVENTS_PER_ROUND);
                    nanos[n][r] = (threads.getCurrentThreadCpuTime() - start) / (double) EVENTS_PER_ROUND;
                }
            }
            for (int n = 0; n < nets.length; n++) {
                Arrays.sort(nanos[n]);
                System.out.printf(Locale.ROOT, "%-28s CPU ns/event median %6.0f (fastest round %6.0f), network state"
                                + " %5d bytes per key%s%n", names[n], nanos[n][ROUNDS / 2], nanos[n][0],
                        nets[n].stateSize() * Float.BYTES, Float.isNaN(sink) ? " (NaN)" : "");
            }
            System.out.printf(Locale.ROOT, "(embedding %d, LSTM 2 x %d, V = %d, %d float lanes)%n", EMBEDDING, HIDDEN, V,
                    VectorKernels.lanes());
        }
    }

    private static float events(Network net, int k, Workspace ws, float[] state, float[][] xs, int count) {
        float[] out = new float[net.outputSize()];
        float[] p = new float[V];
        float sink = 0;
        for (int i = 0; i < count; i++) {
            net.step(state, xs[i & 255], out, ws);
            SoftmaxMixtureHead.mean(out, k, V, p);
            sink += p[0];
        }
        return sink;
    }
}
