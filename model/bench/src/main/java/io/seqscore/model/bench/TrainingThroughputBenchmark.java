package io.seqscore.model.bench;

import io.seqscore.model.core.CellType;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.model.core.train.Adam;
import io.seqscore.model.core.train.Batch;
import io.seqscore.model.core.train.Loss;
import io.seqscore.model.core.train.Sharding;
import io.seqscore.model.core.train.TrainingStep;
import io.seqscore.model.core.train.WeightInit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Training throughput in time steps per second: one {@link TrainingStep#step} (forward, full BPTT,
 * clipping, Adam) on a batch of {@value #BATCH} windows of {@value #STEPS} steps of a noisy sine, counted
 * as B·T = {@value #BATCH}·{@value #STEPS} time steps. LSTM, input 1, one-step head, one layer; serial
 * (one shard) or two shards on two threads. The kernel path follows {@code -Dseqscore.kernels}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(TrainingThroughputBenchmark.BATCH * TrainingThroughputBenchmark.STEPS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class TrainingThroughputBenchmark {
    static final int BATCH = 32;
    static final int STEPS = 50;

    @Param({"32", "64"})
    public int hidden;

    @Param({"1", "2"})
    public int threads;

    private float[] params;
    private Batch batch;
    private TrainingStep step;

    @Setup
    public void setUp() {
        NetworkSpec spec = NetworkSpec.uniform(CellType.LSTM, 1, hidden, 1);
        params = WeightInit.initialize(spec, 1);
        batch = Batch.of(spec, Loss.MSE, BATCH, STEPS);
        SplittableRandom random = new SplittableRandom(2);
        float[] series = new float[BATCH * STEPS + STEPS + 1];
        for (int t = 0; t < series.length; t++) {
            series[t] = (float) (Math.sin(t * 2 * Math.PI / 24) + 0.1 * (2 * random.nextDouble() - 1));
        }
        for (int b = 0; b < BATCH; b++) {
            batch.setForecastWindow(b, series, b * STEPS);
        }
        Sharding sharding = threads == 1 ? Sharding.serial() : new Sharding(threads, threads);
        step = new TrainingStep(spec, Loss.MSE, Adam.adam(spec.paramCount(), 1e-3), 1.0, sharding, null);
    }

    @TearDown
    public void tearDown() {
        step.close();
    }

    @Benchmark
    public double trainingStep() {
        return step.step(params, batch);
    }
}
