package io.seqscore.model.bench;

import io.seqscore.model.core.CellType;
import io.seqscore.model.core.Network;
import io.seqscore.model.core.NetworkSpec;
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

/** The 3-argument step (per-thread workspace from a ThreadLocal) on the reference case: LSTM, hidden 64, input 1, one layer. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class StepPerThreadWorkspaceBenchmark {
    private static final int INPUTS = 256;

    @Param({"VECTOR", "SCALAR"})
    public KernelPath path;

    private Network network;
    private float[] state;
    private float[][] xs;
    private float[] out;
    private int t;

    @Setup
    public void setUp() {
        NetworkSpec spec = NetworkSpec.uniform(CellType.LSTM, 1, 64, 1);
        network = Network.of(spec, BenchNets.params(spec, 1), path);
        state = network.newState();
        out = new float[network.outputSize()];
        xs = BenchNets.sineInputs(INPUTS, 1, 2);
    }

    @Benchmark
    public float step() {
        network.step(state, xs[t++ & (INPUTS - 1)], out);
        return out[0];
    }
}
