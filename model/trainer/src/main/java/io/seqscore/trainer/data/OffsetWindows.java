package io.seqscore.trainer.data;

import io.seqscore.model.core.features.EventHistory;
import io.seqscore.model.core.features.EventRing;
import io.seqscore.model.core.features.SeasonalChanges;
import io.seqscore.model.core.train.Batch;
import io.seqscore.trainer.source.RawSeries;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The training windows of a SEASONAL_OFFSETS forecaster over many keys, each with its own normalizer. Each
 * key's training rows are replayed in arrival order through an {@link EventRing} of the release's history
 * size; after each row joins it, {@link SeasonalChanges#inputs} and {@link SeasonalChanges#anchor} give that
 * row's inputs and anchors: what the scorer computes at that event.
 * <pre>
 *   μ_k, σ_k  = {@link ChangeStatistics#fit} of key k alone     (per-key normalization)
 *   z_t       = (v_t − μ_k) / σ_k                                float
 *   x[t]      = SeasonalChanges.inputs(ring after row t, μ_k, σ_k)
 *   A_s(t)    = row of SeasonalChanges.anchor(ring after row t, s);  b_s(t) = z_{A_s(t)}, or z_t without one
 *   y[t][s]   = z_{t+1+s} − b_s(t)                               s = 0 .. H−1: the head forecasts offsets
 *   mask[t]   = 1 when every A_s(t) exists, else 0 (a key's first season trains nothing)
 *   windows   = rows [st, st+T) for st = rows − T − H, rows − T − H − S, … ≥ 0 (aligned to the key's end)
 * </pre>
 * Window ids run over the keys in list order, then from the newest start back.
 */
public final class OffsetWindows implements WindowSource {
    private final WindowShape shape;
    private final List<ChangeStatistics> stats;
    private final List<float[]> inputs;
    private final List<float[]> z;
    private final List<float[]> bases;
    private final List<boolean[]> anchored;
    private final int[] keyOf;
    private final int[] startOf;

    private OffsetWindows(WindowShape shape, List<ChangeStatistics> stats, List<float[]> inputs, List<float[]> z,
                          List<float[]> bases, List<boolean[]> anchored, int[] keyOf, int[] startOf) {
        this.shape = shape;
        this.stats = stats;
        this.inputs = inputs;
        this.z = z;
        this.bases = bases;
        this.anchored = anchored;
        this.keyOf = keyOf;
        this.startOf = startOf;
    }

    /**
     * @param keys        each key's training rows in arrival order, one value per row
     * @param historySize the ring capacity (the release's historySize)
     */
    public static OffsetWindows of(List<RawSeries> keys, SeasonalChanges features, int historySize, WindowShape shape) {
        int n = SeasonalChanges.INPUTS;
        int horizon = shape.horizon();
        List<ChangeStatistics> stats = new ArrayList<>();
        List<float[]> inputs = new ArrayList<>();
        List<float[]> zs = new ArrayList<>();
        List<float[]> bases = new ArrayList<>();
        List<boolean[]> anchoredRows = new ArrayList<>();
        List<int[]> windows = new ArrayList<>();
        EventRing ring = new EventRing(historySize);
        int[] lag = new int[horizon];
        for (RawSeries s : keys) {
            ChangeStatistics.requireUnivariate(s);
            ChangeStatistics st = ChangeStatistics.fit(List.of(s));
            int rows = s.size();
            float[] x = new float[rows * n];
            float[] z = new float[rows];
            float[] base = new float[rows * horizon];
            boolean[] anchored = new boolean[rows];
            ring.clear();
            for (int i = 0; i < rows; i++) {
                float v = (float) s.values()[i];
                ring.add(s.times()[i], v);
                features.inputs(ring, st.mean(), st.std(), x, i * n);
                z[i] = (v - st.mean()) / st.std();
                boolean all = true;
                for (int h = 0; h < horizon; h++) {
                    lag[h] = features.anchor(ring, h);
                    all &= lag[h] != EventHistory.NONE;
                }
                for (int h = 0; h < horizon; h++) {
                    base[i * horizon + h] = lag[h] == EventHistory.NONE ? z[i] : z[i - lag[h]];
                }
                anchored[i] = all;
            }
            int key = inputs.size();
            stats.add(st);
            inputs.add(x);
            zs.add(z);
            bases.add(base);
            anchoredRows.add(anchored);
            for (int start = rows - shape.length() - horizon; start >= 0; start -= shape.stride()) {
                windows.add(new int[] {key, start});
            }
        }
        int[] keyOf = new int[windows.size()];
        int[] startOf = new int[windows.size()];
        for (int w = 0; w < windows.size(); w++) {
            keyOf[w] = windows.get(w)[0];
            startOf[w] = windows.get(w)[1];
        }
        return new OffsetWindows(shape, List.copyOf(stats), List.copyOf(inputs), List.copyOf(zs), List.copyOf(bases),
                List.copyOf(anchoredRows), keyOf, startOf);
    }

    @Override
    public int count() {
        return keyOf.length;
    }

    @Override
    public WindowShape shape() {
        return shape;
    }

    /** Key k's μ and σ (its spacing is not used: the features carry the spacing fitted over all keys). */
    public ChangeStatistics statistics(int key) {
        return stats.get(key);
    }

    /** Key k's inputs, [rows][4]. */
    public float[] inputs(int key) {
        return inputs.get(key);
    }

    /** Key k's normalized values, [rows]. */
    public float[] z(int key) {
        return z.get(key);
    }

    /** Key k's forecast bases b_s(t), [rows][H]: the anchors' z, or z_t where a step has no anchor. */
    public float[] bases(int key) {
        return bases.get(key);
    }

    /** Whether every step of key k's row t has an anchor. */
    public boolean anchored(int key, int row) {
        return anchored.get(key)[row];
    }

    /** Index in its key's rows of window w's first step. */
    public int start(int w) {
        return startOf[w];
    }

    /** The key window w belongs to. */
    public int key(int w) {
        return keyOf[w];
    }

    @Override
    public void fill(Batch batch, int row, int w, boolean real) {
        int n = SeasonalChanges.INPUTS;
        int steps = shape.length();
        int horizon = shape.horizon();
        int key = keyOf[w];
        float[] x = inputs.get(key);
        float[] zk = z.get(key);
        float[] base = bases.get(key);
        boolean[] ok = anchored.get(key);
        int st = startOf[w];
        System.arraycopy(x, st * n, batch.inputs(), row * steps * n, steps * n);
        float[] y = batch.targets();
        for (int t = 0; t < steps; t++) {
            int i = st + t;
            for (int s = 0; s < horizon; s++) {
                y[(row * steps + t) * horizon + s] = zk[i + 1 + s] - base[i * horizon + s];
            }
            batch.mask()[row * steps + t] = real && ok[i] ? 1f : 0f;
        }
        Arrays.fill(batch.initialState(), row * batch.stateSize(), (row + 1) * batch.stateSize(), 0f);
    }
}
