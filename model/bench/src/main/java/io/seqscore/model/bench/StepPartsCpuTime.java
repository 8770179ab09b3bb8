package io.seqscore.model.bench;

import io.seqscore.model.core.CellType;
import io.seqscore.model.core.Network;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.model.core.Workspace;
import io.seqscore.model.core.math.KernelPath;
import io.seqscore.model.core.math.PackedMatrix;
import io.seqscore.model.core.math.VectorKernels;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Where the time of one LSTM step goes (one layer of {@code hidden} units on one value, vector kernels), by the
 * thread's CPU time, its parts in alternated blocks: the whole step ({@link Network#step}); the gates' affine map
 * alone ({@link VectorKernels#affine} of the [4·hidden × (1 + hidden)] weights against [x ; h]); the cell alone
 * ({@link VectorKernels#lstm}: σ of the gates, c and h); and the whole step and the affine map after 2 MB of other
 * memory has been read, as Kafka and RocksDB do between two events of the service (the reading timed alone and
 * taken off). Medians of 21 blocks of 20,000 steps after 200,000 of each.
 * <pre>
 * java --add-modules jdk.incubator.vector -cp model/bench/target/benchmarks.jar \
 *      io.seqscore.model.bench.StepPartsCpuTime 64
 * </pre>
 */
public final class StepPartsCpuTime {
    private static final int WARMUP = 200_000;
    private static final int BLOCKS = 21;
    private static final int STEPS = 20_000;
    private static final int EVICTED_STEPS = 2_000;
    private static final int OTHER_MEMORY = 2 << 20;
    private static final int LINE = 64;

    private final int hidden;
    private final Network network;
    private final Workspace workspace;
    private final float[] state;
    private final float[] out;
    private final float[][] xs;
    private final PackedMatrix gatesMatrix;
    private final float[] xh;
    private final float[] bias;
    private final float[] gates;
    private final float[] savedGates;
    private final float[] c;
    private final float[] h;
    private final byte[] other = new byte[OTHER_MEMORY];
    private boolean descending;
    private float sink;

    private StepPartsCpuTime(int hidden) {
        this.hidden = hidden;
        NetworkSpec spec = NetworkSpec.uniform(CellType.LSTM, 1, hidden, 1);
        network = Network.of(spec, BenchNets.params(spec, 1), KernelPath.VECTOR);
        workspace = network.newWorkspace();
        state = network.newState();
        out = new float[network.outputSize()];
        xs = BenchNets.sineInputs(256, 1, 2);
        SplittableRandom random = new SplittableRandom(3);
        int rows = 4 * VectorKernels.padded(hidden);
        int cols = 1 + hidden;
        float[] dense = new float[rows * cols];
        for (int i = 0; i < dense.length; i++) {
            dense[i] = (float) random.nextDouble(-0.1, 0.1);
        }
        gatesMatrix = PackedMatrix.pack(dense, 0, rows, cols, VectorKernels.lanes(), rows);
        xh = new float[cols];
        for (int i = 0; i < cols; i++) {
            xh[i] = (float) random.nextDouble(-1, 1);
        }
        bias = new float[rows];
        gates = new float[rows];
        savedGates = new float[rows];
        for (int i = 0; i < rows; i++) {
            savedGates[i] = (float) random.nextDouble(-2, 2);
        }
        int uPad = VectorKernels.padded(hidden);
        c = new float[uPad];
        h = new float[uPad];
    }

    public static void main(String[] args) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (String arg : args.length == 0 ? new String[] {"64"} : args) {
            new StepPartsCpuTime(Integer.parseInt(arg)).run(threads);
        }
    }

    private void run(ThreadMXBean threads) {
        String[] names = {"step", "affine", "cell (sigma, c, h)", "step after 2 MB read", "affine after 2 MB read",
                "2 MB read alone"};
        double[][] nanos = new double[names.length][BLOCKS];
        for (int part = 0; part < names.length; part++) {
            part(part, WARMUP / (part >= 3 ? 10 : 1));
        }
        for (int b = 0; b < BLOCKS; b++) {
            for (int part = 0; part < names.length; part++) {
                int steps = part >= 3 ? EVICTED_STEPS : STEPS;
                long start = threads.getCurrentThreadCpuTime();
                part(part, steps);
                nanos[part][b] = (threads.getCurrentThreadCpuTime() - start) / (double) steps;
            }
        }
        double[] median = new double[names.length];
        for (int part = 0; part < names.length; part++) {
            Arrays.sort(nanos[part]);
            median[part] = nanos[part][BLOCKS / 2];
        }
        System.out.printf(Locale.ROOT, "LSTM hidden %d, %d float lanes, CPU ns per step (median of %d blocks):%n",
                hidden, VectorKernels.lanes(), BLOCKS);
        for (int part = 0; part < names.length; part++) {
            System.out.printf(Locale.ROOT, "  %-24s %8.0f%s%n", names[part], median[part],
                    part == 3 || part == 4 ? String.format(Locale.ROOT, "  (%.0f without the read)",
                            median[part] - median[5]) : "");
        }
        if (Float.isNaN(sink)) {
            System.out.println("(NaN)");
        }
    }

    private void part(int part, int steps) {
        for (int i = 0; i < steps; i++) {
            switch (part) {
                case 0 -> step(i);
                case 1 -> affine();
                case 2 -> cell();
                case 3 -> {
                    readOther(i);
                    step(i);
                }
                case 4 -> {
                    readOther(i);
                    affine();
                }
                default -> readOther(i);
            }
        }
    }

    private void step(int i) {
        network.step(state, xs[i & 255], out, workspace);
        sink += out[0];
    }

    private void affine() {
        descending = !descending;
        VectorKernels.affine(gatesMatrix, 0, gatesMatrix.rows(), xh, 0, bias, 0, gates, 0, descending);
        sink += gates[0];
    }

    private void cell() {
        System.arraycopy(savedGates, 0, gates, 0, gates.length);
        VectorKernels.lstm(gates, VectorKernels.padded(hidden), c, h);
        sink += h[0];
    }

    private void readOther(int i) {
        int sum = i;
        for (int at = 0; at < OTHER_MEMORY; at += LINE) {
            sum += other[at];
        }
        other[i & (OTHER_MEMORY - 1)] = (byte) sum;
    }
}
