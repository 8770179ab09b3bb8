package io.seqscore.model.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.seqscore.model.core.math.KernelPath;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NetworkStepTest {

    static Stream<KernelPath> paths() {
        return KernelPaths.available().stream();
    }

    static Stream<Arguments> stacksOnEveryPath() {
        CellType[][] stacks = {
            {CellType.LSTM},
            {CellType.GRU_RESET_AFTER, CellType.GRU_RESET_BEFORE},
            {CellType.RNN_TANH, CellType.RNN_RELU, CellType.LSTM},
            {CellType.GRU_RESET_BEFORE, CellType.LSTM, CellType.GRU_RESET_AFTER},
        };
        List<Arguments> args = new ArrayList<>();
        for (KernelPath path : KernelPaths.available()) {
            for (CellType[] stack : stacks) {
                args.add(Arguments.of(path, stack));
            }
        }
        return args.stream();
    }

    @ParameterizedTest
    @MethodSource("stacksOnEveryPath")
    void steppingEventByEventEqualsWholeSequenceForwardBitForBit(KernelPath path, CellType[] cells) {
        NetworkSpec spec = RandomNets.stack(3, 21, 2, 3, cells);
        Network net = Network.of(spec, RandomNets.params(spec, 7), path);
        float[][] xs = RandomNets.inputs(40, 3, 8);
        float[] start = RandomNets.state(spec, 9);

        float[] whole = start.clone();
        float[][] wholeOuts = new float[xs.length][net.outputSize()];
        net.forward(whole, xs, wholeOuts, net.newWorkspace());

        float[] stepped = start.clone();
        float[][] steppedOuts = new float[xs.length][net.outputSize()];
        for (int t = 0; t < xs.length; t++) {
            net.step(stepped, xs[t], steppedOuts[t]);
        }
        assertThat(stepped).containsExactly(whole);
        assertThat(steppedOuts).isDeepEqualTo(wholeOuts);
        assertThat(stepped).isNotEqualTo(start);
    }

    /**
     * u=2, x=0, h=(1,1), all weights zero except b_r = (0, ln 3) and U_h = [[0,2],[2,0]]: z = 1/2,
     * r = (1/2, 3/4). Reset before: ĥ = tanh(U_h (r⊙h)) = (tanh 1.5, tanh 1); reset after:
     * ĥ = tanh(r⊙(U_h h)) = (tanh 1, tanh 1.5); h' = h/2 + ĥ/2.
     */
    @ParameterizedTest
    @MethodSource("paths")
    void gruAppliesTheResetBeforeOrAfterTheRecurrentProduct(KernelPath path) {
        double hi = 0.5 + 0.5 * Math.tanh(1.5);
        double lo = 0.5 + 0.5 * Math.tanh(1);
        assertThat(gruStep(CellType.GRU_RESET_BEFORE, path)).containsExactly(new float[] {(float) hi, (float) lo}, within(1e-6f));
        assertThat(gruStep(CellType.GRU_RESET_AFTER, path)).containsExactly(new float[] {(float) lo, (float) hi}, within(1e-6f));
    }

    private static float[] gruStep(CellType cell, KernelPath path) {
        NetworkSpec spec = NetworkSpec.uniform(cell, 1, 2, 1, 1, 1);
        float[] p = new float[spec.paramCount()];
        int u = spec.uOffset(0);
        p[u + (2 * 2) * 2 + 1] = 2f; // U_h[0][1]
        p[u + (2 * 2 + 1) * 2] = 2f; // U_h[1][0]
        p[spec.bOffset(0) + 2 + 1] = (float) Math.log(3); // b_r[1]
        Network net = Network.of(spec, p, path);
        float[] s = {1f, 1f};
        net.step(s, new float[] {0f}, new float[1]);
        return s;
    }

    /**
     * ReLU RNN u=2: W = (1, −1), b = 1/4, x = 2 gives h = (2.25, 0); head H=2 D=2 with
     * Wy = [[1,0],[0,1],[1,1],[2,−1]], by = (0, 0.5, −1, 0) gives (2.25, 0.5, 1.25, 4.5).
     */
    @ParameterizedTest
    @MethodSource("paths")
    void headForecastsHorizonTimesDimensionFromTheLastLayer(KernelPath path) {
        NetworkSpec spec = NetworkSpec.uniform(CellType.RNN_RELU, 1, 2, 1, 2, 2);
        float[] p = new float[spec.paramCount()];
        p[spec.wOffset(0)] = 1f;
        p[spec.wOffset(0) + 1] = -1f;
        p[spec.bOffset(0)] = 0.25f;
        p[spec.bOffset(0) + 1] = 0.25f;
        float[] wy = {1, 0, 0, 1, 1, 1, 2, -1};
        System.arraycopy(wy, 0, p, spec.headWOffset(), wy.length);
        float[] by = {0, 0.5f, -1, 0};
        System.arraycopy(by, 0, p, spec.headBOffset(), by.length);
        Network net = Network.of(spec, p, path);

        float[] s = net.newState();
        float[] out = new float[4];
        net.step(s, new float[] {2f}, out);

        assertThat(s).containsExactly(2.25f, 0f);
        assertThat(out).containsExactly(2.25f, 0.5f, 1.25f, 4.5f);
    }

    /** Inputs of ±2000 saturate every gate: states stay finite and within the ranges σ and tanh allow. */
    @ParameterizedTest
    @MethodSource("stacksOnEveryPath")
    void saturatingInputsGiveFiniteStatesThatAgreeAcrossPaths(KernelPath path, CellType[] cells) {
        NetworkSpec spec = RandomNets.stack(2, 7, 1, 2, cells);
        float[] params = RandomNets.params(spec, 3);
        Network net = Network.of(spec, params, path);
        Network reference = Network.of(spec, params, KernelPath.SCALAR);
        float[] s = net.newState();
        float[] r = net.newState();
        float[] out = new float[2];
        float[] refOut = new float[2];
        float[][] xs = {{2000f, -2000f}, {-2000f, 2000f}, {2000f, 2000f}, {-2000f, -2000f}};
        for (int t = 0; t < 12; t++) {
            net.step(s, xs[t % 4], out);
            reference.step(r, xs[t % 4], refOut);
            for (int k = 0; k < spec.layerCount(); k++) {
                boolean relu = spec.layer(k).cell() == CellType.RNN_RELU;
                for (int i = 0; i < spec.layer(k).units(); i++) {
                    assertThat(s[spec.hOffset(k) + i]).isBetween(relu ? 0f : -1f, relu ? Float.MAX_VALUE : 1f);
                }
            }
            for (int i = 0; i < s.length; i++) {
                assertThat(s[i]).as("step %d state[%d]", t, i).isCloseTo(r[i], within(1e-5f * Math.max(1f, Math.abs(r[i]))));
            }
            assertThat(out).doesNotContain(Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY);
        }
    }

    @ParameterizedTest
    @MethodSource("paths")
    void keysSharingOneNetworkAndWorkspaceNeverInterfere(KernelPath path) {
        NetworkSpec spec = RandomNets.stack(2, 13, 1, 2, CellType.LSTM, CellType.GRU_RESET_BEFORE);
        Network net = Network.of(spec, RandomNets.params(spec, 11), path);
        float[][] xa = RandomNets.inputs(30, 2, 12);
        float[][] xb = RandomNets.inputs(30, 2, 13);

        float[] aAlone = net.newState();
        float[] bAlone = net.newState();
        float[][] aOuts = new float[30][2];
        float[][] bOuts = new float[30][2];
        net.forward(aAlone, xa, aOuts, net.newWorkspace());
        net.forward(bAlone, xb, bOuts, net.newWorkspace());

        Workspace shared = net.newWorkspace();
        float[] a = net.newState();
        float[] b = net.newState();
        float[] out = new float[2];
        for (int t = 0; t < 30; t++) {
            net.step(a, xa[t], out, shared);
            assertThat(out).containsExactly(aOuts[t]);
            net.step(b, xb[t], out, shared);
            assertThat(out).containsExactly(bOuts[t]);
        }
        assertThat(a).containsExactly(aAlone);
        assertThat(b).containsExactly(bAlone);
    }

    @ParameterizedTest
    @MethodSource("paths")
    void aWorkspaceServesASmallerNetworkWithoutCarryingAnythingOver(KernelPath path) {
        NetworkSpec bigSpec = RandomNets.stack(4, 40, 3, 2, CellType.GRU_RESET_BEFORE, CellType.LSTM);
        NetworkSpec smallSpec = RandomNets.stack(1, 5, 1, 1, CellType.LSTM, CellType.GRU_RESET_AFTER);
        Network big = Network.of(bigSpec, RandomNets.params(bigSpec, 1), path);
        Network small = Network.of(smallSpec, RandomNets.params(smallSpec, 2), path);
        float[][] xBig = RandomNets.inputs(20, 4, 3);
        float[][] xSmall = RandomNets.inputs(20, 1, 4);

        float[] alone = small.newState();
        small.forward(alone, xSmall, new float[20][1], small.newWorkspace());

        Workspace ws = big.newWorkspace();
        float[] sBig = big.newState();
        float[] sSmall = small.newState();
        for (int t = 0; t < 20; t++) {
            big.step(sBig, xBig[t], new float[6], ws);
            small.step(sSmall, xSmall[t], new float[1], ws);
        }
        assertThat(sSmall).containsExactly(alone);
    }

    @ParameterizedTest
    @MethodSource("paths")
    void threadsSteppingTheirOwnStatesOnOneNetworkGetTheSequentialResults(KernelPath path) throws Exception {
        NetworkSpec spec = RandomNets.stack(3, 24, 2, 1, CellType.LSTM, CellType.GRU_RESET_AFTER);
        Network net = Network.of(spec, RandomNets.params(spec, 21), path);
        int threads = 4;
        int steps = 500;
        float[][] expected = new float[threads][];
        for (int i = 0; i < threads; i++) {
            expected[i] = run(net, RandomNets.inputs(steps, 3, 100 + i), net.newWorkspace());
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<float[]>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                float[][] xs = RandomNets.inputs(steps, 3, 100 + i);
                Callable<float[]> task = () -> {
                    start.await();
                    return run(net, xs, null);
                };
                results.add(pool.submit(task));
            }
            start.countDown();
            for (int i = 0; i < threads; i++) {
                assertThat(results.get(i).get()).as("thread %d", i).containsExactly(expected[i]);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Final state followed by every output; ws null means the network's per-thread workspace. */
    private static float[] run(Network net, float[][] xs, Workspace ws) {
        float[] s = net.newState();
        float[] trace = new float[s.length + xs.length * net.outputSize()];
        float[] out = new float[net.outputSize()];
        for (int t = 0; t < xs.length; t++) {
            if (ws == null) {
                net.step(s, xs[t], out);
            } else {
                net.step(s, xs[t], out, ws);
            }
            System.arraycopy(out, 0, trace, s.length + t * out.length, out.length);
        }
        System.arraycopy(s, 0, trace, 0, s.length);
        return trace;
    }
}
