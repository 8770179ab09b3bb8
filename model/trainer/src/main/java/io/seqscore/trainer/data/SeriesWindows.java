package io.seqscore.trainer.data;

import io.seqscore.model.core.features.EncodedSeries;
import io.seqscore.model.core.features.FeatureTransform;
import io.seqscore.model.core.train.Batch;
import io.seqscore.trainer.source.RawSeries;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The training windows of every feature kind: runs of a key's rows encoded by the kind's
 * {@link io.seqscore.model.core.features.FeatureTransform} (a run starts with a fresh state: a key, or a segment
 * of one), and windows placed in each run by a {@link WindowPlacement}. Window ids run over the runs in list
 * order, then in the placement's order.
 * <pre>
 *   x[t]        = run.inputs[start + t]                                t &lt; T
 *   y[t][s·D+d] = run.target(i, s, d) = z[i+1+s][d] − base[i][s][d]     i = start + t, for i + 1 + s &lt; rows, else 0
 *   mask[t]     = 1 when the window is real (not padding), row i is anchored and all H targets lie in the run
 * </pre>
 */
public final class SeriesWindows {
    private final WindowShape shape;
    private final List<EncodedSeries> runs;
    private final int[] runOf;
    private final int[] startOf;
    private final int skippedRuns;
    private final long trainingSteps;

    private SeriesWindows(WindowShape shape, List<EncodedSeries> runs, int[] runOf, int[] startOf, int skippedRuns,
                          long trainingSteps) {
        this.shape = shape;
        this.runs = runs;
        this.runOf = runOf;
        this.startOf = startOf;
        this.skippedRuns = skippedRuns;
        this.trainingSteps = trainingSteps;
    }

    /**
     * The windows of the training part of every segment of every series of a data set (the part before the
     * key's validation start, so that no target reaches a validation event or crosses a gap), a run each; the
     * data set's values are already scaled, so the transform encodes them with μ = 0, σ = 1.
     */
    public static SeriesWindows trainingPart(Dataset data, FeatureTransform transform, WindowPlacement placement,
                                             WindowShape shape) {
        int n = data.dimension();
        float[] zero = new float[n];
        float[] one = new float[n];
        Arrays.fill(one, 1f);
        List<EncodedSeries> runs = new ArrayList<>();
        for (PreparedSeries s : data.series()) {
            for (int g = 0; g < s.segmentCount(); g++) {
                int a = s.segmentStart(g);
                int end = Math.min(s.segmentEnd(g), s.validationStart());
                if (end - a <= 0) {
                    continue;
                }
                runs.add(transform.encode(Arrays.copyOfRange(s.times(), a, end), Arrays.copyOfRange(s.z(), a * n, end * n),
                        n, zero, one, shape.horizon()));
            }
        }
        return of(runs, placement, shape);
    }

    /**
     * The windows of every row of univariate keys, a run per key in list order, key k scaled by
     * {@code scaling.get(k)}: z = (v − μ)/σ of the value as a float.
     */
    public static SeriesWindows keys(List<RawSeries> keys, List<SeriesStatistics> scaling, FeatureTransform transform,
                                     WindowPlacement placement, WindowShape shape) {
        List<EncodedSeries> runs = new ArrayList<>(keys.size());
        for (int k = 0; k < keys.size(); k++) {
            RawSeries key = keys.get(k);
            SeriesStatistics.requireUnivariate(key);
            double[] values = key.values();
            float[] v = new float[values.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) values[i];
            }
            SeriesStatistics st = scaling.get(k);
            runs.add(transform.encode(key.times(), v, 1, new float[] {st.mean()}, new float[] {st.std()}, shape.horizon()));
        }
        return of(runs, placement, shape);
    }

    /** @param runs the encoded runs, all of the same inputs, values and horizon */
    public static SeriesWindows of(List<EncodedSeries> runs, WindowPlacement placement, WindowShape shape) {
        List<int[]> windows = new ArrayList<>();
        int skipped = 0;
        long steps = 0;
        int length = shape.length();
        int stride = shape.stride();
        int horizon = shape.horizon();
        for (int r = 0; r < runs.size(); r++) {
            EncodedSeries run = runs.get(r);
            if (run.horizon() != horizon) {
                throw new IllegalArgumentException("run of horizon " + run.horizon() + " for windows of " + horizon);
            }
            int rows = run.rows();
            switch (placement) {
                case COVER -> {
                    if (rows < length) {
                        skipped++;
                        continue;
                    }
                    steps += rows;
                    int last = rows - length;
                    int start = 0;
                    for (; start <= last; start += stride) {
                        windows.add(new int[] {r, start});
                    }
                    if (start - stride < last) {
                        windows.add(new int[] {r, last});
                    }
                }
                case FORWARD -> {
                    steps += rows;
                    for (int start = 0; start + length + horizon <= rows; start += stride) {
                        windows.add(new int[] {r, start});
                    }
                }
                case BACKWARD -> {
                    steps += rows;
                    for (int start = rows - length - horizon; start >= 0; start -= stride) {
                        windows.add(new int[] {r, start});
                    }
                }
            }
        }
        int[] runOf = new int[windows.size()];
        int[] startOf = new int[windows.size()];
        for (int w = 0; w < windows.size(); w++) {
            runOf[w] = windows.get(w)[0];
            startOf[w] = windows.get(w)[1];
        }
        return new SeriesWindows(shape, List.copyOf(runs), runOf, startOf, skipped, steps);
    }

    public int count() {
        return runOf.length;
    }

    public WindowShape shape() {
        return shape;
    }

    /** Runs that gave no window because they are shorter than one (COVER). */
    public int skippedRuns() {
        return skippedRuns;
    }

    /** Rows of the runs that gave windows (COVER), or of every run. */
    public long trainingSteps() {
        return trainingSteps;
    }

    public int runCount() {
        return runs.size();
    }

    /** Run r as encoded. */
    public EncodedSeries run(int r) {
        return runs.get(r);
    }

    /** The run window w lies in. */
    public int runOf(int w) {
        return runOf[w];
    }

    /** Index in its run's rows of window w's first step. */
    public int start(int w) {
        return startOf[w];
    }

    /**
     * Writes window w into batch row {@code row}: inputs, targets, the mask (0 everywhere for padding, which then
     * carries no loss and no gradient) and a zero initial state.
     */
    public void fill(Batch batch, int row, int w, boolean real) {
        EncodedSeries run = runs.get(runOf[w]);
        int n = run.inputSize();
        int dims = run.dims();
        int steps = shape.length();
        int horizon = shape.horizon();
        int targetSize = horizon * dims;
        int rows = run.rows();
        int st = startOf[w];
        System.arraycopy(run.inputs(), st * n, batch.inputs(), row * steps * n, steps * n);
        float[] y = batch.targets();
        float[] mask = batch.mask();
        boolean[] anchored = run.anchored();
        for (int t = 0; t < steps; t++) {
            int i = st + t;
            int at = (row * steps + t) * targetSize;
            int available = Math.max(0, Math.min(horizon, rows - i - 1));
            for (int s = 0; s < available; s++) {
                for (int d = 0; d < dims; d++) {
                    y[at + s * dims + d] = run.target(i, s, d);
                }
            }
            Arrays.fill(y, at + available * dims, at + targetSize, 0f);
            mask[row * steps + t] = real && anchored[i] && available == horizon ? 1f : 0f;
        }
        Arrays.fill(batch.initialState(), row * batch.stateSize(), (row + 1) * batch.stateSize(), 0f);
    }
}
