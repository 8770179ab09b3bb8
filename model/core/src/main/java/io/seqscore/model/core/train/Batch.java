package io.seqscore.model.core.train;

import io.seqscore.model.core.NetworkSpec;

import java.util.Arrays;

/**
 * A minibatch of B windows of T steps, in flat arrays the caller fills and may reuse from step to step:
 * <pre>
 *   inputs        [B][T][n]            x of row b at step t at (b·T+t)·n
 *   targets       [B][T][targetSize]   y of row b at step t at (b·T+t)·targetSize
 *   mask          [B][T]               weight of step t's loss (1 by default; 0 drops the step)
 *   initialState  [B][stateSize]       each row's state before step 0, layout of NetworkSpec (0 by default)
 * </pre>
 * The first {@link #burnIn()} steps of every window only build state: they carry no loss, and no
 * gradient flows back through them (the initial state of the trained part is a constant).
 *
 * <p>Target convention for forecasting a series (see {@link #setForecastWindow}): the target of step t is
 * the next H values, y[t][s·D+d] = series[t+1+s][d] for s &lt; H.
 */
public final class Batch {
    private final int size;
    private final int steps;
    private final int inputSize;
    private final int targetSize;
    private final int stateSize;
    private final float[] inputs;
    private final float[] targets;
    private final float[] mask;
    private final float[] initialState;
    private int burnIn;

    public Batch(int size, int steps, int inputSize, int targetSize, int stateSize) {
        if (size < 1 || steps < 1 || inputSize < 1 || targetSize < 1 || stateSize < 1) {
            throw new IllegalArgumentException("batch dimensions must be >= 1: size=" + size + " steps=" + steps
                    + " inputSize=" + inputSize + " targetSize=" + targetSize + " stateSize=" + stateSize);
        }
        this.size = size;
        this.steps = steps;
        this.inputSize = inputSize;
        this.targetSize = targetSize;
        this.stateSize = stateSize;
        this.inputs = new float[Math.multiplyExact(Math.multiplyExact(size, steps), inputSize)];
        this.targets = new float[Math.multiplyExact(Math.multiplyExact(size, steps), targetSize)];
        this.mask = new float[size * steps];
        this.initialState = new float[Math.multiplyExact(size, stateSize)];
        Arrays.fill(mask, 1f);
    }

    /** A batch shaped for a network and a loss: n = spec input, targets of {@code loss.targetSize(spec)}. */
    public static Batch of(NetworkSpec spec, Loss loss, int size, int steps) {
        return new Batch(size, steps, spec.inputSize(), loss.targetSize(spec), spec.stateSize());
    }

    public int size() {
        return size;
    }

    public int steps() {
        return steps;
    }

    public int inputSize() {
        return inputSize;
    }

    public int targetSize() {
        return targetSize;
    }

    public int stateSize() {
        return stateSize;
    }

    public int burnIn() {
        return burnIn;
    }

    /** Sets how many leading steps only build state; must leave at least one step. */
    public Batch burnIn(int burnInSteps) {
        if (burnInSteps < 0 || burnInSteps >= steps) {
            throw new IllegalArgumentException("burn-in must be in [0, " + steps + "), got " + burnInSteps);
        }
        this.burnIn = burnInSteps;
        return this;
    }

    /** The inputs, [B][T][n], backing array. */
    public float[] inputs() {
        return inputs;
    }

    /** The targets, [B][T][targetSize], backing array. */
    public float[] targets() {
        return targets;
    }

    /** The per-step loss weights, [B][T], backing array. */
    public float[] mask() {
        return mask;
    }

    /** The initial states, [B][stateSize], backing array. */
    public float[] initialState() {
        return initialState;
    }

    /**
     * The batch loss's denominator: Σ over rows and steps t ≥ burn-in of mask · targetSize.
     * Shards of one batch share it, so their gradients add up to the whole batch's.
     */
    public double lossCount() {
        double sum = 0;
        for (int b = 0; b < size; b++) {
            for (int t = burnIn; t < steps; t++) {
                sum += mask[b * steps + t];
            }
        }
        return sum * targetSize;
    }

    /**
     * Fills row {@code row} with the window of {@code series} ([length][n] flattened, n = input size)
     * that starts at {@code start}: x[t] = series[start+t], y[t][s·n+d] = series[start+t+1+s][d] for
     * s &lt; H = targetSize / n, mask[t] = 1 when all H targets exist, else 0. The row's initial state
     * is reset to zero.
     */
    public void setForecastWindow(int row, float[] series, int start) {
        int n = inputSize;
        if (targetSize % n != 0) {
            throw new IllegalArgumentException("target size " + targetSize + " is not a multiple of the input size " + n);
        }
        int length = series.length / n;
        if (series.length % n != 0) {
            throw new IllegalArgumentException("series length " + series.length + " is not a multiple of " + n);
        }
        if (start < 0 || start + steps > length) {
            throw new IllegalArgumentException("window [" + start + ", " + (start + steps) + ") is outside the series of "
                    + length + " steps");
        }
        int horizon = targetSize / n;
        System.arraycopy(series, start * n, inputs, row * steps * n, steps * n);
        for (int t = 0; t < steps; t++) {
            int from = start + t + 1;
            int y = (row * steps + t) * targetSize;
            boolean complete = from + horizon <= length;
            int available = Math.max(0, Math.min(horizon, length - from));
            System.arraycopy(series, from * n, targets, y, available * n);
            Arrays.fill(targets, y + available * n, y + targetSize, 0f);
            mask[row * steps + t] = complete ? 1f : 0f;
        }
        Arrays.fill(initialState, row * stateSize, (row + 1) * stateSize, 0f);
    }
}
