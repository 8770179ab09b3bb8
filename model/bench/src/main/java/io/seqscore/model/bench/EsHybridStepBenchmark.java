package io.seqscore.model.bench;

import io.seqscore.model.core.CellType;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.model.core.Workspace;
import io.seqscore.model.core.features.EsHybridFeatures;
import io.seqscore.model.core.features.EventRing;
import io.seqscore.model.core.features.FeatureKinds;
import io.seqscore.model.core.features.FeatureTransform;
import io.seqscore.model.core.math.KernelPath;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * One event of an ES_HYBRID key, as the scorer runs it: the smoothing's update and the network's inputs
 * ({@code inputs}), one LSTM step, the re-seasonalized forecast ({@code forecasts}); and the features alone.
 * M4 settings: periods 24 and 168, window 24, LSTM 64, a 48-step head; values a noisy daily cycle.
 */
public class EsHybridStepBenchmark extends OneKeySteps {
    private static final int VALUES = 1024;
    private static final int WINDOW = 24;
    private static final int HORIZON = 48;

    @Param({"VECTOR"})
    public KernelPath path;

    private FeatureTransform features;
    private Workspace workspace;
    private double[] featureState;
    private final EventRing none = new EventRing(1);
    private final float[] event = new float[1];
    private final double[] observed = new double[1];
    private final float[] mu = {100f};
    private final float[] sigma = {20f};
    private final float[] x = new float[WINDOW];
    private final float[] forecast = new float[HORIZON];
    private final float[] zNext = new float[1];
    private float[] values;
    private int t;

    @Setup
    public void setUp() {
        features = FeatureKinds.create(EsHybridFeatures.parameters(0.03, 0.3, 0.1, 24, 168, WINDOW, true, 5f));
        NetworkSpec spec = NetworkSpec.uniform(CellType.LSTM, WINDOW, 64, 1, HORIZON, 1);
        init(spec, path);
        workspace = network.newWorkspace();
        featureState = new double[features.stateSize()];
        features.reset(featureState);
        values = new float[VALUES];
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        for (int i = 0; i < VALUES; i++) {
            values[i] = (float) (100 + 30 * Math.sin(2 * Math.PI * i / 24) + 3 * r.nextGaussian());
        }
    }

    @Benchmark
    public float event() {
        nextInputs();
        network.step(state, x, out, workspace);
        return reseasonalized();
    }

    @Benchmark
    public float featuresOnly() {
        nextInputs();
        return reseasonalized();
    }

    /** The smoothing's update by the next value and the network's inputs x. */
    private void nextInputs() {
        float v = values[t++ & (VALUES - 1)];
        event[0] = v;
        observed[0] = v;
        features.inputs(event, none, featureState, mu, sigma, x);
    }

    /** The re-seasonalized forecast from out; the scaled step-1 forecast. */
    private float reseasonalized() {
        features.forecasts(observed, none, featureState, mu, sigma, out, 1, forecast, zNext);
        return zNext[0];
    }
}
