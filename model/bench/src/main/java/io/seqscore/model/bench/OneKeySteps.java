package io.seqscore.model.bench;

import io.seqscore.model.core.Network;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.model.core.math.KernelPath;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the step benchmarks share: one key's network and state, its state carried from step to step, inputs cycling
 * through a noisy sine for those that do not make their own (weights from {@link BenchNets}, seed fixed), and the
 * measurement settings (JMH inherits them).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public abstract class OneKeySteps {
    private static final int INPUTS = 256;

    Network network;
    float[] state;
    float[] out;
    private float[][] xs;
    private int t;

    /** The network of {@code spec} on {@code path}, a fresh state and the inputs. */
    void init(NetworkSpec spec, KernelPath path) {
        network = Network.of(spec, BenchNets.params(spec, 1), path);
        state = network.newState();
        out = new float[network.outputSize()];
        xs = BenchNets.sineInputs(INPUTS, spec.inputSize(), 2);
    }

    /** The next step's input. */
    float[] nextInput() {
        return xs[t++ & (INPUTS - 1)];
    }
}
