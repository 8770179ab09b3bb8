package io.seqscore.app.state;

import java.util.Arrays;

/**
 * Everything seqscore keeps for one series key between its events. Mutable and reused: a scoring
 * processor decodes each key's bytes into one instance, updates it and encodes it back, so its arrays
 * only grow (to the largest model seen) and are never reallocated per event.
 *
 * <ul>
 *   <li>model name and version that produced the recurrent state ("" and {@link #NO_VERSION} when none);</li>
 *   <li>{@code stepsSeen}: events folded into the recurrent state; last event time; last update (wall clock);</li>
 *   <li>the recurrent state h/c (model/core's state layout) and the forecast made at the last event
 *       (H·D values in the units of the events' values);</li>
 *   <li>the last event's anomaly score and flag;</li>
 *   <li>running statistics of the key's standardized one-step residuals (EWMA mean and variance per value);</li>
 *   <li>the key's own input normalizer (Welford count, mean, M2 per feature), used by PER_KEY releases;</li>
 *   <li>a ring of the most recent raw inputs, replayed to re-warm the state for a new model version.</li>
 * </ul>
 */
public final class KeyState {
    public static final long NO_VERSION = -1L;
    public static final long NO_TIME = Long.MIN_VALUE;

    String modelName = "";
    long modelVersion = NO_VERSION;
    long stepsSeen;
    long lastEventTime = NO_TIME;
    long lastUpdateWallClock;
    double lastAnomalyScore = Double.NaN;
    boolean lastFlagged;
    int inputSize;

    float[] recurrent = new float[0];
    int recurrentSize;

    float[] forecast = new float[0];
    int horizon;
    int outputDim;

    int residualCount;
    int residualDims;
    float[] residualMean = new float[0];
    float[] residualVar = new float[0];

    int normalizerCount;
    float[] normalizerMean = new float[0];
    float[] normalizerM2 = new float[0];

    float[] ring = new float[0];
    int ringCapacity;
    int ringCount;
    int ringStart;

    /** Back to a key never seen: no model, no state, no inputs, re-warm capacity 0. */
    public void clear() {
        modelName = "";
        modelVersion = NO_VERSION;
        stepsSeen = 0;
        lastEventTime = NO_TIME;
        lastUpdateWallClock = 0;
        lastAnomalyScore = Double.NaN;
        lastFlagged = false;
        inputSize = 0;
        recurrentSize = 0;
        horizon = 0;
        outputDim = 0;
        residualCount = 0;
        residualDims = 0;
        normalizerCount = 0;
        ringCapacity = 0;
        ringCount = 0;
        ringStart = 0;
    }

    /**
     * Starts the recurrent part over for a model: zero h/c of {@code stateSize}, no forecast, no residual
     * statistics (their {@code dims} values start at mean 0, variance 1), no steps. Keeps the event time,
     * the input ring and the key's normalizer.
     */
    public void resetRecurrent(String name, long version, int stateSize, int dims) {
        modelName = name;
        modelVersion = version;
        stepsSeen = 0;
        recurrent = exact(recurrent, stateSize);
        Arrays.fill(recurrent, 0f);
        recurrentSize = stateSize;
        horizon = 0;
        outputDim = 0;
        resetResidualStats(dims);
    }

    /** No residuals yet: {@code dims} statistics at mean 0, variance 1 (the calibrated residual's prior). */
    public void resetResidualStats(int dims) {
        residualMean = grow(residualMean, dims);
        residualVar = grow(residualVar, dims);
        Arrays.fill(residualMean, 0, dims, 0f);
        Arrays.fill(residualVar, 0, dims, 1f);
        residualDims = dims;
        residualCount = 0;
    }

    /** Forgets the model: the recurrent part is gone (as under NO_MODEL); inputs and normalizer stay. */
    public void dropModel() {
        modelName = "";
        modelVersion = NO_VERSION;
        stepsSeen = 0;
        recurrentSize = 0;
        horizon = 0;
        outputDim = 0;
        residualDims = 0;
        residualCount = 0;
    }

    public boolean hasModel() {
        return modelVersion != NO_VERSION;
    }

    public boolean madeBy(String name, long version) {
        return modelVersion == version && modelName.equals(name);
    }

    public String modelName() {
        return modelName;
    }

    public long modelVersion() {
        return modelVersion;
    }

    public long stepsSeen() {
        return stepsSeen;
    }

    public void stepsSeen(long steps) {
        this.stepsSeen = steps;
    }

    public boolean hasEventTime() {
        return lastEventTime != NO_TIME;
    }

    public long lastEventTime() {
        return lastEventTime;
    }

    public void lastEventTime(long t) {
        this.lastEventTime = t;
    }

    public long lastUpdateWallClock() {
        return lastUpdateWallClock;
    }

    public void lastUpdateWallClock(long t) {
        this.lastUpdateWallClock = t;
    }

    /** The last event's anomaly score, NaN when it had none. */
    public double lastAnomalyScore() {
        return lastAnomalyScore;
    }

    public boolean lastFlagged() {
        return lastFlagged;
    }

    public void lastScore(double anomalyScore, boolean flagged) {
        this.lastAnomalyScore = anomalyScore;
        this.lastFlagged = flagged;
    }

    /** Values per event of this key (n); 0 before its first accepted event. */
    public int inputSize() {
        return inputSize;
    }

    /**
     * Sets n. A different n than before makes the buffered inputs and the key's normalizer meaningless,
     * so both are emptied.
     */
    public void inputSize(int n) {
        if (n != inputSize) {
            inputSize = n;
            ringCount = 0;
            ringStart = 0;
            normalizerCount = 0;
            ring = grow(ring, ringCapacity * n);
        }
    }

    /** The recurrent state (h/c of every layer): exactly {@link #recurrentSize()} floats when that is > 0. */
    public float[] recurrent() {
        return recurrent;
    }

    public int recurrentSize() {
        return recurrentSize;
    }

    public boolean hasForecast() {
        return horizon > 0;
    }

    /** The forecast made at the last event, H·D values (index s·D + d), valid up to horizon·outputDim. */
    public float[] forecast() {
        return forecast;
    }

    public int horizon() {
        return horizon;
    }

    public int outputDim() {
        return outputDim;
    }

    /** Makes room for an H·D forecast that the caller then writes into {@link #forecast()}. */
    public float[] forecastBuffer(int h, int d) {
        forecast = grow(forecast, h * d);
        horizon = h;
        outputDim = d;
        return forecast;
    }

    public void clearForecast() {
        horizon = 0;
        outputDim = 0;
    }

    public int residualCount() {
        return residualCount;
    }

    public int residualDims() {
        return residualDims;
    }

    public float[] residualMean() {
        return residualMean;
    }

    public float[] residualVar() {
        return residualVar;
    }

    public void residualCount(int count) {
        this.residualCount = count;
    }

    /** Values the key's normalizer has been fitted on so far. */
    public int normalizerCount() {
        return normalizerCount;
    }

    public float[] normalizerMean() {
        return normalizerMean;
    }

    public float[] normalizerM2() {
        return normalizerM2;
    }

    /** Welford's update with one event's values: δ = x − μ; μ += δ/k; M2 += δ·(x − μ), in float. */
    public void addToNormalizer(float[] x) {
        int n = inputSize;
        if (normalizerCount == 0) {
            normalizerMean = grow(normalizerMean, n);
            normalizerM2 = grow(normalizerM2, n);
            Arrays.fill(normalizerMean, 0, n, 0f);
            Arrays.fill(normalizerM2, 0, n, 0f);
        }
        int k = ++normalizerCount;
        for (int j = 0; j < n; j++) {
            float delta = x[j] - normalizerMean[j];
            normalizerMean[j] += delta / k;
            normalizerM2[j] += delta * (x[j] - normalizerMean[j]);
        }
    }

    /** Takes over another state's normalizer (count, mean, M2), as a key's rebuilt state for another model keeps it. */
    public void copyNormalizerFrom(KeyState other) {
        int n = other.inputSize;
        normalizerCount = other.normalizerCount;
        if (normalizerCount > 0) {
            normalizerMean = grow(normalizerMean, n);
            normalizerM2 = grow(normalizerM2, n);
            System.arraycopy(other.normalizerMean, 0, normalizerMean, 0, n);
            System.arraycopy(other.normalizerM2, 0, normalizerM2, 0, n);
        }
    }

    /** Capacity of the input ring; lowering it keeps the most recent inputs. */
    public int ringCapacity() {
        return ringCapacity;
    }

    public void ringCapacity(int capacity) {
        if (capacity == ringCapacity) {
            return;
        }
        int n = inputSize;
        if (ringCount == 0) {
            ring = grow(ring, capacity * n);
            ringCapacity = capacity;
            ringStart = 0;
            return;
        }
        int keep = Math.min(ringCount, capacity);
        float[] next = new float[capacity * n];
        for (int i = 0; i < keep; i++) {
            copyRingInput(ringCount - keep + i, next, i * n);
        }
        ring = next;
        ringCapacity = capacity;
        ringCount = keep;
        ringStart = 0;
    }

    /** Inputs in the ring, at most its capacity. */
    public int ringCount() {
        return ringCount;
    }

    /** Appends one event's n values, dropping the oldest when full. */
    public void pushInput(float[] x) {
        if (ringCapacity == 0) {
            return;
        }
        int n = inputSize;
        int slot;
        if (ringCount < ringCapacity) {
            slot = (ringStart + ringCount) % ringCapacity;
            ringCount++;
        } else {
            slot = ringStart;
            ringStart = (ringStart + 1) % ringCapacity;
        }
        System.arraycopy(x, 0, ring, slot * n, n);
    }

    /** Copies the i-th oldest buffered input (0 = oldest) to {@code out[offset..offset+n)}. */
    public void copyRingInput(int i, float[] out, int offset) {
        if (i < 0 || i >= ringCount) {
            throw new IndexOutOfBoundsException("input " + i + " of " + ringCount);
        }
        int slot = (ringStart + i) % ringCapacity;
        System.arraycopy(ring, slot * inputSize, out, offset, inputSize);
    }

    public void clearRing() {
        ringCount = 0;
        ringStart = 0;
    }

    static float[] grow(float[] a, int size) {
        return a.length >= size ? a : new float[size];
    }

    static float[] exact(float[] a, int size) {
        return a.length == size ? a : new float[size];
    }

    @Override
    public String toString() {
        return "KeyState[model=" + (hasModel() ? modelName + "@" + modelVersion : "none") + ", steps=" + stepsSeen
                + ", lastEventTime=" + (hasEventTime() ? Long.toString(lastEventTime) : "none") + ", inputs="
                + ringCount + "/" + ringCapacity + "]";
    }
}
