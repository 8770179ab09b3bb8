package io.seqscore.app.state;

import io.seqscore.model.core.features.EventHistory;
import io.seqscore.model.core.features.SeasonSelection;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Everything seqscore keeps for one series key between its events. Mutable and reused: a scoring
 * processor decodes each key's bytes into one instance, updates it and encodes it back, so its arrays
 * only grow (to the largest model seen) and are never reallocated per event. {@link KeyStateCodec} stores it in
 * parts, one {@code StatePart} per group below (docs/state-format.md).
 *
 * <ul>
 *   <li>model name and version that produced the recurrent state ("" and {@link #NO_VERSION} when none);</li>
 *   <li>{@code stepsSeen}: events folded into the recurrent state; last event time; last update (wall clock);</li>
 *   <li>the recurrent state h/c (model/core's state layout) and the forecast made at the last event
 *       (H·D values in the units of the events' values);</li>
 *   <li>the feature kind's own per-key state (doubles; ES_HYBRID's level and seasonal indices), started over with
 *       the recurrent state;</li>
 *   <li>the last event's anomaly score and flag;</li>
 *   <li>running statistics of the key's standardized one-step residuals (EWMA mean and variance per value);</li>
 *   <li>the key's own input normalizer (Welford count, mean, M2 per feature), used by PER_KEY releases;</li>
  *   <li>a ring of the most recent events (event time and raw values), replayed to re-warm the state for a new
 *       model version, and read by SEASONAL_CHANGES inputs and the range detector's seasonal look-back
 *       ({@link #history}); a time is {@link #NO_TIME} when unknown (events stored by state format 1). Decoded
 *       by the scorer, its entries stay in the stored bytes until something other than {@link #history} reads them
 *       ({@link StoredRing});</li>
 *   <li>the season selection ({@link SeasonSelection}), when {@code seqscore.forecast.season.selection} is on:
 *       events counted and three running errors from the key's own values;</li>
 *   <li>the anomaly detector's own state, opaque here: n values, D forecast values, S doubles and
 *       {@link #DETECTOR_COUNTERS} longs (the range detector's; none with the calibrated detector);</li>
 *   <li>under at-least-once only, the replay guard ({@link ReplayGuard}): the input position of the last event
 *       folded in, and a checkpoint, the key's encoded state as of the last offset commit before its latest
 *       events.</li>
 * </ul>
 */
public final class KeyState {
    public static final long NO_VERSION = -1L;
    public static final long NO_TIME = Long.MIN_VALUE;
    /** Longs of the detector state (see {@link #detectorCounters()}). */
    public static final int DETECTOR_COUNTERS = 4;
    /** {@link #replayPartition()} of a state that does not track its input position. */
    public static final int NO_PARTITION = -1;
    /** An input offset not known (no event folded, or none before the checkpoint). */
    public static final long NO_OFFSET = -1L;
    private static final byte[] NO_CHECKPOINT = new byte[0];

    String modelName = "";
    /** The last name encoded or decoded, and its UTF-8 bytes: a key's model name is not re-encoded per event. */
    private String nameOfBytes = "";
    private byte[] nameBytes = new byte[0];
    long modelVersion = NO_VERSION;
    long stepsSeen;
    long lastEventTime = NO_TIME;
    long lastUpdateWallClock;
    double lastAnomalyScore = Double.NaN;
    boolean lastFlagged;
    int inputSize;

    float[] recurrent = new float[0];
    int recurrentSize;

    double[] features = new double[0];
    int featuresSize;

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
    long[] ringTimes = new long[0];
    int ringCapacity;
    int ringCount;
    int ringStart;
    /** The ring's entries while they are still in the stored bytes (the lean frame); inactive otherwise. */
    final StoredRing storedRing = new StoredRing();
    private final History history = new History();

    int detectorValues;
    int detectorDims;
    int detectorSize;
    double[] detector = new double[0];
    final long[] detectorCounters = new long[DETECTOR_COUNTERS];

    final double[] selection = new double[SeasonSelection.STATE_SIZE];

    int replayPartition = NO_PARTITION;
    long replayOffset = NO_OFFSET;
    long replayEpoch;
    long checkpointOffset = NO_OFFSET;
    byte[] checkpoint = NO_CHECKPOINT;

    /** Back to a key never seen: no model, no state, no inputs, re-warm capacity 0. */
    public void clear() {
        dropModel();
        lastEventTime = NO_TIME;
        lastUpdateWallClock = 0;
        lastAnomalyScore = Double.NaN;
        lastFlagged = false;
        inputSize = 0;
        normalizerCount = 0;
        ringCapacity = 0;
        ringCount = 0;
        ringStart = 0;
        storedRing.drop();
        clearDetector();
        clearReplay();
        SeasonSelection.reset(selection);
    }

    /** No input position and no checkpoint (a state written without the replay guard). */
    public void clearReplay() {
        replayPartition = NO_PARTITION;
        replayOffset = NO_OFFSET;
        replayEpoch = 0;
        checkpointOffset = NO_OFFSET;
        checkpoint = NO_CHECKPOINT;
    }

    /** Whether the state records the input position of its last folded event. */
    public boolean tracksReplay() {
        return replayPartition != NO_PARTITION;
    }

    /** The input partition of the last event folded in, or {@link #NO_PARTITION}. */
    public int replayPartition() {
        return replayPartition;
    }

    /** The input offset of the last event folded in, or {@link #NO_OFFSET}. */
    public long replayOffset() {
        return replayOffset;
    }

    /** The commit epoch of the processor that last wrote the state (0: none). */
    public long replayEpoch() {
        return replayEpoch;
    }

    /** The input offset of the last event folded into the checkpoint, or {@link #NO_OFFSET}. */
    public long checkpointOffset() {
        return checkpointOffset;
    }

    public boolean hasCheckpoint() {
        return checkpoint.length > 0;
    }

    /**
     * The checkpoint's encoded state (an empty array when there is none); not to be changed, and overwritten by the
     * next decode into this state.
     */
    public byte[] checkpoint() {
        return checkpoint;
    }

    /** Records the position of the event just folded in, by the processor of {@code epoch}. */
    public void replayPosition(int partition, long offset, long epoch) {
        replayPartition = partition;
        replayOffset = offset;
        replayEpoch = epoch;
    }

    /**
     * Copies {@code encoded[from, from + length)} (a state encoded without replay guard) as the checkpoint, the
     * input offset of its last folded event being {@code offset}.
     */
    public void checkpoint(byte[] encoded, int from, int length, long offset) {
        if (checkpoint.length != length) {
            checkpoint = length == 0 ? NO_CHECKPOINT : new byte[length];
        }
        System.arraycopy(encoded, from, checkpoint, 0, length);
        checkpointOffset = offset;
    }

    /** Takes {@code encoded} (a whole array, not copied, not to be changed by the caller) as the checkpoint. */
    public void adoptCheckpoint(byte[] encoded, long offset) {
        checkpoint = encoded;
        checkpointOffset = offset;
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
        featuresSize = 0;
        horizon = 0;
        outputDim = 0;
        resetResidualStats(dims);
    }

    /**
     * Makes room for the model's feature state ({@code size} doubles, 0 for a kind without; contents unset: the
     * kind's {@code reset} fills them) and returns it. Part of starting over for a model, after
     * {@link #resetRecurrent}.
     */
    public double[] resetFeatures(int size) {
        features = exactDoubles(features, size);
        featuresSize = size;
        return features;
    }

    /** The feature kind's per-key state (ES_HYBRID's level and seasons): exactly {@link #featuresSize()} doubles. */
    public double[] features() {
        return features;
    }

    public int featuresSize() {
        return featuresSize;
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
        featuresSize = 0;
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
     * Sets n. A different n than before makes the buffered inputs, the key's normalizer and the detector
     * state meaningless, so all are emptied.
     */
    public void inputSize(int n) {
        if (n != inputSize) {
            inputSize = n;
            dropStoredRing();
            ringCount = 0;
            ringStart = 0;
            normalizerCount = 0;
            ring = grow(ring, ringCapacity * n);
            clearDetector();
            SeasonSelection.reset(selection);
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

    /** Capacity of the event ring; lowering it keeps the most recent events. */
    public int ringCapacity() {
        return ringCapacity;
    }

    public void ringCapacity(int capacity) {
        if (capacity == ringCapacity) {
            return;
        }
        settleRing();
        int n = inputSize;
        if (ringCount == 0) {
            ring = grow(ring, capacity * n);
            ringTimes = grow(ringTimes, capacity);
            ringCapacity = capacity;
            ringStart = 0;
            return;
        }
        int keep = Math.min(ringCount, capacity);
        float[] next = new float[capacity * n];
        long[] nextTimes = new long[capacity];
        for (int i = 0; i < keep; i++) {
            nextTimes[i] = ringTime(ringCount - keep + i);
            copyRingInput(ringCount - keep + i, next, i * n);
        }
        ring = next;
        ringTimes = nextTimes;
        ringCapacity = capacity;
        ringCount = keep;
        ringStart = 0;
    }

    /** Events in the ring, at most its capacity. */
    public int ringCount() {
        return ringCount;
    }

    /** Appends one event (its time and n values), dropping the oldest when full. */
    public void pushInput(long time, float[] x) {
        if (ringCapacity == 0) {
            return;
        }
        if (storedRing.active()) {
            if (storedRing.append(time, x, ringCapacity)) {
                ringCount = Math.min(ringCount + 1, ringCapacity);
                return;
            }
            settleRing();
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
        ringTimes[slot] = time;
    }

    /** Copies the values of the i-th oldest buffered event (0 = oldest) to {@code out[offset..offset+n)}. */
    public void copyRingInput(int i, float[] out, int offset) {
        settleRing();
        System.arraycopy(ring, slot(i) * inputSize, out, offset, inputSize);
    }

    /** The time of the i-th oldest buffered event (0 = oldest); {@link #NO_TIME} when unknown. */
    public long ringTime(int i) {
        settleRing();
        return ringTimes[slot(i)];
    }

    /** Empties the ring, and the season selection computed from its events. */
    public void clearRing() {
        dropStoredRing();
        ringCount = 0;
        ringStart = 0;
        SeasonSelection.reset(selection);
    }

    /**
     * The key's season selection ({@link SeasonSelection}: events counted, then its three running errors), computed
     * from the key's own events whatever model serves it; all 0 when nothing is counted.
     */
    public double[] seasonSelection() {
        return selection;
    }

    /** Reads a ring left in the stored bytes into the arrays (a no-op for a ring read already). */
    void settleRing() {
        if (storedRing.active()) {
            storedRing.settle(this);
        }
    }

    /** Forgets a ring left in the stored bytes, its arrays made room for as an emptied ring's. */
    private void dropStoredRing() {
        if (storedRing.active()) {
            storedRing.drop();
            ring = grow(ring, ringCapacity * inputSize);
            ringTimes = grow(ringTimes, ringCapacity);
        }
    }

    /**
     * The ring newest first as an {@link EventHistory} of value 0, without its {@code skip} newest events and
     * limited to the {@code limit} newest after those. A view reused by every call (allocation-free): valid
     * until the next call or the next change of the ring. It reads a ring still in the stored bytes there.
     */
    public History history(int skip, int limit) {
        history.skip = skip;
        history.count = Math.max(0, Math.min(ringCount - skip, limit));
        return history;
    }

    private int slot(int i) {
        if (i < 0 || i >= ringCount) {
            throw new IndexOutOfBoundsException("input " + i + " of " + ringCount);
        }
        return (ringStart + i) % ringCapacity;
    }

    /** A window of the ring, newest first (see {@link #history}). */
    public final class History implements EventHistory {
        private int skip;
        private int count;

        private History() {
        }

        @Override
        public int count() {
            return count;
        }

        @Override
        public long time(int k) {
            int i = indexOf(k);
            return storedRing.active() ? storedRing.time(i) : ringTimes[slot(i)];
        }

        @Override
        public float value(int k) {
            return value(k, 0);
        }

        /** Value j of the k-th newest event of the window. */
        public float value(int k, int j) {
            int i = indexOf(k);
            return storedRing.active() ? storedRing.value(i, j) : ring[slot(i) * inputSize + j];
        }

        /** The window's k-th newest event as an index into the ring, oldest 0. */
        private int indexOf(int k) {
            if (k < 0 || k >= count) {
                throw new IndexOutOfBoundsException("event " + k + " of " + count);
            }
            return ringCount - 1 - skip - k;
        }
    }

    /** Whether the key has detector state (the range detector's) for n values and D forecast values. */
    public boolean hasDetector(int n, int dims, int size) {
        return detectorSize == size && detectorValues == n && detectorDims == dims && size > 0;
    }

    /** Makes room for a detector state of {@code size} doubles for n values and D forecasts; the caller fills it. */
    public double[] detectorBuffer(int n, int dims, int size) {
        if (detector.length < size) {
            detector = new double[size];
        }
        detectorValues = n;
        detectorDims = dims;
        detectorSize = size;
        return detector;
    }

    /** The detector state (valid up to {@link #detectorSize()}). */
    public double[] detector() {
        return detector;
    }

    public int detectorSize() {
        return detectorSize;
    }

    public int detectorValues() {
        return detectorValues;
    }

    public int detectorDims() {
        return detectorDims;
    }

    /** The detector's {@link #DETECTOR_COUNTERS} longs. */
    public long[] detectorCounters() {
        return detectorCounters;
    }

    /** No detector state (a key reset, or the calibrated detector, which keeps none). */
    public void clearDetector() {
        detectorValues = 0;
        detectorDims = 0;
        detectorSize = 0;
        Arrays.fill(detectorCounters, 0L);
    }

    /** The model name in UTF-8 (not to be changed). */
    byte[] modelNameBytes() {
        if (modelName != nameOfBytes && !modelName.equals(nameOfBytes)) {
            nameOfBytes = modelName;
            nameBytes = modelName.getBytes(StandardCharsets.UTF_8);
        }
        return nameBytes;
    }

    /** Sets the model name from its UTF-8 bytes, without a new string when they are the last name's. */
    void modelName(byte[] b, int offset, int length) {
        if (length != nameBytes.length || !Arrays.equals(b, offset, offset + length, nameBytes, 0, length)) {
            nameBytes = Arrays.copyOfRange(b, offset, offset + length);
            nameOfBytes = new String(nameBytes, StandardCharsets.UTF_8);
        }
        modelName = nameOfBytes;
    }

    static float[] grow(float[] a, int size) {
        return a.length >= size ? a : new float[size];
    }

    static long[] grow(long[] a, int size) {
        return a.length >= size ? a : new long[size];
    }

    static float[] exact(float[] a, int size) {
        return a.length == size ? a : new float[size];
    }

    static double[] exactDoubles(double[] a, int size) {
        return a.length == size ? a : new double[size];
    }

    @Override
    public String toString() {
        return "KeyState[model=" + (hasModel() ? modelName + "@" + modelVersion : "none") + ", steps=" + stepsSeen
                + ", lastEventTime=" + (hasEventTime() ? Long.toString(lastEventTime) : "none") + ", inputs="
                + ringCount + "/" + ringCapacity + (detectorSize > 0 ? ", detector=" + detectorSize : "") + "]";
    }
}
