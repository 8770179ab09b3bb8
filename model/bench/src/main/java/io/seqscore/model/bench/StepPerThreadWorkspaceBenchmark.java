package io.seqscore.model.bench;

import io.seqscore.model.core.CellType;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.model.core.math.KernelPath;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/** The 3-argument step (per-thread workspace from a ThreadLocal) on the reference case: LSTM, hidden 64, input 1, one layer. */
public class StepPerThreadWorkspaceBenchmark extends OneKeySteps {
    @Param({"VECTOR", "SCALAR"})
    public KernelPath path;

    @Setup
    public void setUp() {
        init(NetworkSpec.uniform(CellType.LSTM, 1, 64, 1), path);
    }

    @Benchmark
    public float step() {
        network.step(state, nextInput(), out);
        return out[0];
    }
}
