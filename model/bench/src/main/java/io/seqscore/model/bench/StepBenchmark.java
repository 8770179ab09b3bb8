package io.seqscore.model.bench;

import io.seqscore.model.core.CellType;
import io.seqscore.model.core.Network;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.model.core.Workspace;
import io.seqscore.model.core.math.KernelPath;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * One inference step of one key: {@link Network#step(float[], float[], float[], Workspace)} with a
 * one-step head of {@code input} values, the key's state carried from step to step, inputs cycling
 * through a noisy sine. Weights uniform in ±1/√(inputs+units), biases in ±0.5, seed fixed.
 */
public class StepBenchmark extends OneKeySteps {
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

    private Workspace workspace;

    @Setup
    public void setUp() {
        init(NetworkSpec.uniform(cell, input, hidden, layers), path);
        workspace = network.newWorkspace();
    }

    @Benchmark
    public float step() {
        network.step(state, nextInput(), out, workspace);
        return out[0];
    }
}
