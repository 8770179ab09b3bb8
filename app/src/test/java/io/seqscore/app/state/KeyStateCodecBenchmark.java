package io.seqscore.app.state;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The per-key state codec on the scorer's path: decode of the stored bytes into a reused {@link KeyState} and encode
 * into a new array, for the state of a {@code perf} key (LSTM of 64 units on one value, a full re-warm ring of 32
 * events, 200 events folded in: {@link StateSizeTest#perf}), without and with the range detector's state (15
 * doubles and its counters). Not a test: run by JMH from the test classpath (BENCHMARKS.md has the command).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public class KeyStateCodecBenchmark {
    /** Doubles of the range detector's state for one value and one forecast value. */
    private static final int DETECTOR_DOUBLES = 15;

    @Param({"false", "true"})
    public boolean rangeDetector;

    private final KeyStateCodec codec = new KeyStateCodec();
    private final KeyState into = new KeyState();
    private KeyState state;
    private byte[] stored;

    @Setup(Level.Trial)
    public void setUp() {
        state = perfState(rangeDetector);
        stored = codec.encode(state);
        codec.decode(stored, into);
    }

    /** A perf key's state (hidden 64), with the range detector's state when asked. */
    static KeyState perfState(boolean rangeDetector) {
        KeyState s = StateSizeTest.perf(64, false);
        float[] h = s.recurrent();
        for (int i = 0; i < s.recurrentSize(); i++) {
            h[i] = (float) Math.sin(i * 0.37);
        }
        s.forecast()[0] = 1.25f;
        if (rangeDetector) {
            double[] d = s.detectorBuffer(1, 1, DETECTOR_DOUBLES);
            for (int i = 0; i < DETECTOR_DOUBLES; i++) {
                d[i] = Math.cos(i * 0.11);
            }
            long[] c = s.detectorCounters();
            for (int i = 0; i < c.length; i++) {
                c[i] = 200 - i;
            }
        }
        return s;
    }

    @Benchmark
    public KeyState decode() {
        codec.decode(stored, into);
        return into;
    }

    @Benchmark
    public byte[] encode() {
        return codec.encode(state);
    }
}
