package io.seqscore.trainer.data;

import io.seqscore.model.core.features.EventRing;
import io.seqscore.model.core.features.SeasonalChanges;
import io.seqscore.model.core.train.Batch;
import io.seqscore.trainer.source.RawSeries;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The training windows of a SEASONAL_CHANGES forecaster. Each key's training rows are replayed in arrival
 * order through an {@link EventRing} of the release's history size, and after each row joins it
 * {@link SeasonalChanges#inputs} gives that row's inputs: the floats the scorer computes at that event.
 * <pre>
 *   z_t      = (v_t − μ) / σ                            float, as SeasonalChanges normalizes on read
 *   x[t]     = SeasonalChanges.inputs(ring after row t)  4 values
 *   y[t][s]  = z_{t+1+s} − z_t                          s = 0 .. H−1: the head forecasts changes
 *   windows  = rows [st, st+T) for st = 0, S, 2S, … while st + T + H ≤ rows, so every target is a training row
 * </pre>
 * Window ids run over the keys in list order, then by start.
 */
public final class ChangeWindows implements WindowSource {
    private final WindowShape shape;
    private final List<float[]> inputs;
    private final List<float[]> z;
    private final int[] keyOf;
    private final int[] startOf;

    private ChangeWindows(WindowShape shape, List<float[]> inputs, List<float[]> z, int[] keyOf, int[] startOf) {
        this.shape = shape;
        this.inputs = inputs;
        this.z = z;
        this.keyOf = keyOf;
        this.startOf = startOf;
    }

    /**
     * @param keys        each key's training rows in arrival order, one value per row
     * @param historySize the ring capacity (the release's historySize)
     */
    public static ChangeWindows of(List<RawSeries> keys, ChangeStatistics stats, SeasonalChanges features,
                                   int historySize, WindowShape shape) {
        int n = SeasonalChanges.INPUTS;
        List<float[]> inputs = new ArrayList<>();
        List<float[]> zs = new ArrayList<>();
        List<int[]> windows = new ArrayList<>();
        EventRing ring = new EventRing(historySize);
        for (RawSeries s : keys) {
            ChangeStatistics.requireUnivariate(s);
            int rows = s.size();
            float[] x = new float[rows * n];
            float[] z = new float[rows];
            ring.clear();
            for (int i = 0; i < rows; i++) {
                float v = (float) s.values()[i];
                ring.add(s.times()[i], v);
                features.inputs(ring, stats.mean(), stats.std(), x, i * n);
                z[i] = (v - stats.mean()) / stats.std();
            }
            int key = inputs.size();
            inputs.add(x);
            zs.add(z);
            for (int st = 0; st + shape.length() + shape.horizon() <= rows; st += shape.stride()) {
                windows.add(new int[] {key, st});
            }
        }
        int[] keyOf = new int[windows.size()];
        int[] startOf = new int[windows.size()];
        for (int w = 0; w < windows.size(); w++) {
            keyOf[w] = windows.get(w)[0];
            startOf[w] = windows.get(w)[1];
        }
        return new ChangeWindows(shape, List.copyOf(inputs), List.copyOf(zs), keyOf, startOf);
    }

    @Override
    public int count() {
        return keyOf.length;
    }

    @Override
    public WindowShape shape() {
        return shape;
    }

    /** Key k's inputs, [rows][4]. */
    public float[] inputs(int key) {
        return inputs.get(key);
    }

    /** Key k's normalized values, [rows]. */
    public float[] z(int key) {
        return z.get(key);
    }

    /** Index in its key's rows of window w's first step. */
    public int start(int w) {
        return startOf[w];
    }

    /** The key window w belongs to. */
    public int key(int w) {
        return keyOf[w];
    }

    /**
     * Writes window w into batch row {@code row}: inputs, change targets, the mask (1 for a real window, 0 for
     * padding, which then carries no loss and no gradient) and a zero initial state.
     */
    @Override
    public void fill(Batch batch, int row, int w, boolean real) {
        int n = SeasonalChanges.INPUTS;
        int steps = shape.length();
        int horizon = shape.horizon();
        float[] x = inputs.get(keyOf[w]);
        float[] zk = z.get(keyOf[w]);
        int st = startOf[w];
        System.arraycopy(x, st * n, batch.inputs(), row * steps * n, steps * n);
        float[] y = batch.targets();
        for (int t = 0; t < steps; t++) {
            int i = st + t;
            for (int s = 0; s < horizon; s++) {
                y[(row * steps + t) * horizon + s] = zk[i + 1 + s] - zk[i];
            }
            batch.mask()[row * steps + t] = real ? 1f : 0f;
        }
        Arrays.fill(batch.initialState(), row * batch.stateSize(), (row + 1) * batch.stateSize(), 0f);
    }
}
