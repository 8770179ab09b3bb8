package io.seqscore.model.bench;

import io.seqscore.model.core.CellType;
import io.seqscore.model.core.Network;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.model.core.Workspace;
import io.seqscore.model.core.math.KernelPath;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One inference step of one key: {@link Network#step(float[], float[], float[], Workspace)} with a
 * one-step head of {@code input} values, the key's state carried from step to step, inputs cycling
 * through a noisy sine. Weights uniform in ±1/√(inputs+units), biases in ±0.5, seed fixed.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class StepBenchmark {
    private static final int INPUTS = 256;

    @Param({"LSTM", "GRU_RESET_AFTER"})
    public CellType cell;

    @Param({"16", "32", "64", "128"})
    public int hidden;

    @Param({"1", "8"})
    public int input;

    @Param({"1", "2"})
    public int layers;

    @Param({"VECTOR", "SCALAR"})
    public KernelPath path;

    private Network network;
    private Workspace workspace;
    private float[] state;
    private float[][] xs;
    private float[] out;
    private int t;

    @Setup
    public void setUp() {
        NetworkSpec spec = NetworkSpec.uniform(cell, input, hidden, layers);
        network = Network.of(spec, BenchNets.params(spec, 1), path);
        workspace = network.newWorkspace();
        state = network.newState();
        out = new float[network.outputSize()];
        xs = BenchNets.sineInputs(INPUTS, input, 2);
    }

    @Benchmark
    public float step() {
        float[] x = xs[t++ & (INPUTS - 1)];
        network.step(state, x, out, workspace);
        return out[0];
    }
}
