package io.seqscore.model.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.seqscore.model.core.math.KernelPath;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The vector step stays allocation-free when one JVM runs networks of many shapes one after another, as a
 * scorer does when releases of other architectures arrive: every cell, 1 and 2 layers, hidden sizes that
 * use each block size of the kernels (1, 2, 4 and 8 vectors, and a padded tail), several inputs and
 * horizons. Each network is warmed up and measured after all the others have run, so every kernel has
 * been compiled against the profiles of all shapes.
 */
class ZeroAllocationAcrossShapesTest {
    private static final int WARM_UP_STEPS = 12_000;
    private static final int MEASURED_STEPS = 2_000;
    private static final int ATTEMPTS = 4;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void everyShapeStepsWithoutAllocatingAfterAllShapesHaveRun() {
        assumeTrue(KernelPath.vectorAvailable(), "vector kernels not available in this JVM");
        Map<String, Network> nets = new LinkedHashMap<>();
        int seed = 0;
        for (CellType cell : CellType.values()) {
            for (int units : new int[] {16, 20, 32, 64, 128}) {
                NetworkSpec spec = RandomNets.stack(1, units, 1, 1, cell);
                nets.put(cell + " u" + units, Network.of(spec, RandomNets.params(spec, ++seed), KernelPath.VECTOR));
            }
            NetworkSpec deep = RandomNets.stack(4, 24, 4, 1, cell, cell);
            nets.put(cell + " u24 n4 2 layers H4", Network.of(deep, RandomNets.params(deep, ++seed), KernelPath.VECTOR));
        }
        NetworkSpec mixed = RandomNets.stack(3, 40, 2, 3, CellType.GRU_RESET_AFTER, CellType.LSTM, CellType.RNN_RELU);
        nets.put("mixed stack", Network.of(mixed, RandomNets.params(mixed, ++seed), KernelPath.VECTOR));
        float[][] xs = RandomNets.inputs(64, 4, 7);

        Map<String, Key> keys = new LinkedHashMap<>();
        nets.forEach((name, net) -> keys.put(name, new Key(net, xs)));
        for (Key key : keys.values()) {
            key.steps(WARM_UP_STEPS);
        }
        List<String> allocating = new ArrayList<>();
        for (Map.Entry<String, Key> e : keys.entrySet()) {
            Key key = e.getValue();
            key.steps(WARM_UP_STEPS);
            long bytes = Long.MAX_VALUE;
            for (int attempt = 0; attempt < ATTEMPTS && bytes > 0; attempt++) {
                long id = Thread.currentThread().getId();
                long before = THREADS.getThreadAllocatedBytes(id);
                key.steps(MEASURED_STEPS);
                long after = THREADS.getThreadAllocatedBytes(id);
                long idle = THREADS.getThreadAllocatedBytes(id);
                bytes = Math.min(bytes, after - before - (idle - after));
            }
            if (bytes != 0) {
                allocating.add(e.getKey() + ": " + bytes / (double) MEASURED_STEPS + " B/step");
            }
        }
        assertThat(allocating).as("networks whose warm vector step allocates").isEmpty();
        assertThat(keys).hasSize(CellType.values().length * 6 + 1);
    }

    /** One key stepping a network through the shared inputs (their first inputSize values). */
    private static final class Key {
        final Network net;
        final float[] s;
        final float[] out;
        final float[][] xs;
        final Workspace ws;

        Key(Network net, float[][] inputs) {
            this.net = net;
            s = net.newState();
            out = new float[net.outputSize()];
            ws = net.newWorkspace();
            xs = new float[inputs.length][];
            for (int t = 0; t < inputs.length; t++) {
                xs[t] = Arrays.copyOf(inputs[t], net.inputSize());
            }
        }

        void steps(int n) {
            for (int t = 0; t < n; t++) {
                net.step(s, xs[t % xs.length], out, ws);
            }
        }
    }
}
