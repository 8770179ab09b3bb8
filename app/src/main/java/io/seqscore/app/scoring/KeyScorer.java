package io.seqscore.app.scoring;

import io.seqscore.app.model.InputNormalization;
import io.seqscore.model.core.anomaly.ResidualCalibration;
import io.seqscore.app.model.ServingModel;
import io.seqscore.app.state.KeyState;
import io.seqscore.model.core.Network;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.model.core.Workspace;
import io.seqscore.model.core.anomaly.RangeNovelty;
import io.seqscore.model.core.features.EventHistory;
import io.seqscore.model.core.features.SeasonalChanges;
import io.seqscore.model.core.norm.ZScoreNormalizer;

import java.util.List;

/**
 * Advances one key's {@link KeyState} under a model by one event: the event's scaling, its anomaly
 * score (calibrated residual, or range novelty), one network step and the new forecast; and the re-warm
 * that replays the key's buffered events. The event must already be in the ring of the state that holds
 * the key's events ({@code events}: the key's own, or its main state for a shadow state). Owns the scratch
 * arrays, the detector and the network workspace of one stream task, so a step allocates nothing; not
 * thread-safe.
 *
 * <pre>
 * scaling    μ, σ = the release's (GLOBAL, or PER_KEY for a key it knows), the key's own once fitted
 *                   on its first N values (PER_KEY, other keys), or 0, 1 (NONE)
 * calibrated r_d = (observed_d − f_d) / σ_d            f = the forecast stored at the previous event
 *            score: see {@link AnomalyScorer}; the key's statistics are updated with z_d after scoring
 * range      z_j = (observed_j − μ_j) / σ_j (float); see {@link RangeNovelty}, with the season-ago event found
 *            in the ring among the range settings' history events before this one
 * VALUES     z_in = (x − μ) / σ;  out = network.step(h, z_in);  f'_i = out_i·σ_d + μ_d   (d = i mod D)
 *            ẑ_d (range) = out_d
 * SEASONAL_CHANGES  z_in = SeasonalChanges.inputs(ring, μ, σ);  out = network.step(h, z_in);
 *            f'_s = (z_t + out_s)·σ + μ;  ẑ (range) = z_t + out_0
 * SEASONAL_OFFSETS  as SEASONAL_CHANGES, but f'_s = (z_{A_s} + out_s)·σ + μ, A_s = SeasonalChanges.anchor(ring, s)
 *            (z_t without an anchor);  ẑ (range) = z_{A_0} + out_0
 * </pre>
 */
public final class KeyScorer {
    /** Networks whose scratch buffers are kept at once: a task alternating between a few models allocates nothing. */
    static final int CACHED_NETWORKS = 8;

    private final ScoringSettings settings;
    private final RangeNovelty range;
    private final RangeSettings rangeSettings;

    private final Network[] cachedNetworks = new Network[CACHED_NETWORKS];
    private final Workspace[] cachedWorkspaces = new Workspace[CACHED_NETWORKS];
    private final float[][] cachedZ = new float[CACHED_NETWORKS][];
    private final float[][] cachedOut = new float[CACHED_NETWORKS][];
    private int nextSlot;
    private Network prepared;
    private Workspace workspace;
    private float[] z;
    private float[] out;

    private float[] x = new float[0];
    private double[] observed = new double[0];
    private float[] replayX = new float[0];
    private double[] replayObserved = new double[0];
    private float[] mu = new float[0];
    private float[] sigma = new float[0];
    private double[] residual = new double[0];
    private double[] zCal = new double[0];
    private double[] zKey = new double[0];
    private float[] zEvent = new float[0];
    private float[] zSeason = new float[0];
    private final float[] zNext = new float[1];

    public KeyScorer(ScoringSettings settings) {
        this.settings = settings;
        this.rangeSettings = settings.range();
        this.range = settings.detector() == AnomalyDetector.RANGE ? rangeSettings.newDetector() : null;
    }

    /**
     * Takes an event's values as the current input (as doubles, and as the floats the network reads).
     *
     * @return the index of the first value that is NaN or infinite, or −1 when all are finite
     */
    public int setInput(List<Double> values) {
        int n = values.size();
        if (x.length != n) {
            x = new float[n];
            observed = new double[n];
        }
        for (int j = 0; j < n; j++) {
            double v = values.get(j);
            if (!Double.isFinite(v)) {
                return j;
            }
            observed[j] = v;
            x[j] = (float) v;
        }
        return -1;
    }

    /** The current input as floats (what the re-warm buffer keeps). */
    public float[] input() {
        return x;
    }

    public double observed(int j) {
        return observed[j];
    }

    /** σ_d of the scaling of the last {@link #fold} or {@link #scoreAgainst}. */
    public float sigma(int d) {
        return sigma[d];
    }

    /**
     * Selects the scratch buffers of a model's network (exactly its sizes, kept for the last
     * {@link #CACHED_NETWORKS} networks) and grows the shared ones; allocates only for a network not
     * among them.
     */
    public void prepare(ServingModel model) {
        Network network = model.network();
        if (network == prepared) {
            return;
        }
        NetworkSpec spec = model.spec();
        int slot = -1;
        for (int i = 0; i < CACHED_NETWORKS; i++) {
            if (cachedNetworks[i] == network) {
                slot = i;
                break;
            }
        }
        if (slot < 0) {
            slot = nextSlot;
            nextSlot = (nextSlot + 1) % CACHED_NETWORKS;
            cachedNetworks[slot] = network;
            cachedWorkspaces[slot] = network.newWorkspace();
            cachedZ[slot] = new float[spec.inputSize()];
            cachedOut[slot] = new float[spec.outputSize()];
        }
        prepared = network;
        workspace = cachedWorkspaces[slot];
        z = cachedZ[slot];
        out = cachedOut[slot];
        int n = spec.inputSize();
        if (replayX.length < n) {
            replayX = new float[n];
            replayObserved = new double[n];
        }
        if (mu.length < n) {
            mu = new float[n];
            sigma = new float[n];
            zEvent = new float[n];
            zSeason = new float[n];
        }
        if (residual.length < spec.outputDim()) {
            residual = new double[spec.outputDim()];
            zCal = new double[spec.outputDim()];
            zKey = new double[spec.outputDim()];
        }
    }

    /**
     * Folds the current input, which is the newest event of the state's ring, into the state: its anomaly
     * score against the stored forecast (and the detector's statistics), the key's own normalizer while it is
     * being fitted, one step, the new forecast.
     *
     * @return the anomaly score, NaN when the state had no forecast
     */
    public double fold(KeyState state, ServingModel model, String key) {
        return fold(state, state, model, key);
    }

    /**
     * As {@link #fold(KeyState, ServingModel, String)}, for a state whose key's events (this one the newest)
     * are buffered in {@code events} (a shadow state: the key's main state).
     */
    public double fold(KeyState state, KeyState events, ServingModel model, String key) {
        return fold(state, events, 0, model, key, RangeNovelty.Update.SCORE);
    }

    /** Rebuilds the state for the model: zero h/c, then the buffered inputs replayed oldest first. */
    public void rewarm(KeyState state, ServingModel model, String key) {
        rewarm(state, state, model, key);
    }

    /**
     * Rebuilds {@code state} for the model from the events buffered in {@code inputs} (the key's main
     * state, for a shadow state that keeps no inputs of its own): zero h/c, then the events replayed
     * oldest first. With the range detector, the channels that depend on the model (residual, seasonal)
     * start empty and absorb the replay; the value and level channels are kept, or, when the state has no
     * detector state yet, start empty and absorb the replay too.
     */
    public void rewarm(KeyState state, KeyState inputs, ServingModel model, String key) {
        prepare(model);
        NetworkSpec spec = model.spec();
        state.resetRecurrent(model.name(), model.version(), spec.stateSize(), spec.outputDim());
        RangeNovelty.Update replay = RangeNovelty.Update.REPLAY;
        if (range != null) {
            int n = model.eventSize();
            int dims = spec.outputDim();
            int size = range.stateSize(n, dims);
            if (state.hasDetector(n, dims, size)) {
                range.resetModelChannels(state.detector(), state.detectorCounters(), n, dims);
                replay = RangeNovelty.Update.REPLAY_MODEL;
            } else {
                range.reset(state.detectorBuffer(n, dims, size), state.detectorCounters(), n, dims);
            }
        } else {
            state.clearDetector();
        }
        int n = model.eventSize();
        float[] live = x;
        double[] liveObserved = observed;
        x = replayX;
        observed = replayObserved;
        try {
            int count = inputs.ringCount();
            for (int i = 0; i < count; i++) {
                inputs.copyRingInput(i, x, 0);
                for (int j = 0; j < n; j++) {
                    observed[j] = x[j];
                }
                fold(state, inputs, count - 1 - i, model, key, replay);
            }
        } finally {
            x = live;
            observed = liveObserved;
        }
    }

    /** The anomaly score of the current input against the stored forecast, changing nothing (late events). */
    public double scoreAgainst(KeyState state, ServingModel model, String key) {
        return scoreAgainst(state, state, model, key, KeyState.NO_TIME);
    }

    /**
     * As {@link #scoreAgainst(KeyState, ServingModel, String)} with the key's events in {@code events}
     * (which do not hold this one) and the event's time (the range detector's seasonal look-back).
     */
    public double scoreAgainst(KeyState state, KeyState events, ServingModel model, String key, long eventTime) {
        prepare(model);
        scaling(state, model, key);
        if (range == null) {
            return state.hasForecast() ? residualScore(state, model, true) : Double.NaN;
        }
        int n = model.eventSize();
        int dims = model.spec().outputDim();
        if (!state.hasDetector(n, dims, range.stateSize(n, dims))) {
            return Double.NaN;
        }
        return detect(state, events.history(0, rangeSettings.history()), eventTime, model, RangeNovelty.Update.PEEK);
    }

    /**
     * Whether an event with this anomaly score (of the last fold or scoreAgainst) is flagged, warm-up
     * aside. Calibrated: score ≥ the threshold. Range: outside the refractory period, E &gt; margin, or,
     * with a configured threshold, score &gt; 0 and ≥ it.
     */
    public boolean flags(double anomalyScore, ServingModel model) {
        if (range == null) {
            return anomalyScore >= settings.threshold(model);
        }
        if (Double.isNaN(settings.thresholdOverride())) {
            return range.alarm();
        }
        return anomalyScore > 0 && anomalyScore >= settings.thresholdOverride();
    }

    /**
     * One event into the state: the event is the {@code skip}-th newest of {@code events}' ring. SCORE for a
     * live event, REPLAY or REPLAY_MODEL while re-warming (not scored).
     */
    private double fold(KeyState state, KeyState events, int skip, ServingModel model, String key,
                        RangeNovelty.Update how) {
        boolean live = how == RangeNovelty.Update.SCORE;
        prepare(model);
        NetworkSpec spec = model.spec();
        SeasonalChanges seasonal = model.seasonalChanges();
        int n = model.eventSize();
        int dims = spec.outputDim();
        scaling(state, model, key);
        double anomalyScore = Double.NaN;
        if (range == null) {
            if (state.hasForecast()) {
                anomalyScore = residualScore(state, model, live);
                AnomalyScorer.updateRunning(zCal, state.residualMean(), state.residualVar(), dims, settings.keyAlpha());
                state.residualCount(state.residualCount() + 1);
            }
            if (state.detectorSize() > 0) {
                state.clearDetector();
            }
        } else {
            if (!state.hasDetector(n, dims, range.stateSize(n, dims))) {
                range.reset(state.detectorBuffer(n, dims, range.stateSize(n, dims)), state.detectorCounters(), n, dims);
            }
            long time = events.history(skip, 1).time(0);
            double score = detect(state, events.history(skip + 1, rangeSettings.history()), time, model, how);
            if (state.hasForecast()) {
                anomalyScore = score;
            }
        }
        if (live && model.normalization().mode() == InputNormalization.Mode.PER_KEY
                && model.normalization().forKey(key) == null && state.normalizerCount() < settings.normalizerWarmup()) {
            state.addToNormalizer(x);
        }
        float[] forecast = state.forecastBuffer(spec.horizon(), dims);
        if (seasonal == null) {
            for (int j = 0; j < n; j++) {
                z[j] = (x[j] - mu[j]) / sigma[j];
            }
            model.network().step(state.recurrent(), z, out, workspace);
            for (int i = 0; i < out.length; i++) {
                int d = i % dims;
                forecast[i] = out[i] * sigma[d] + mu[d];
            }
            if (range != null) {
                range.forecast(state.detector(), n, dims, out);
            }
        } else {
            EventHistory ring = events.history(skip, model.historySize());
            seasonal.inputs(ring, mu[0], sigma[0], z, 0);
            model.network().step(state.recurrent(), z, out, workspace);
            float zt = scaled(observed[0], 0);
            boolean offsets = model.seasonalOffsets();
            for (int s = 0; s < out.length; s++) {
                int a = offsets ? seasonal.anchor(ring, s) : EventHistory.NONE;
                float base = a == EventHistory.NONE ? zt : scaled(ring.value(a), 0);
                forecast[s] = (base + out[s]) * sigma[0] + mu[0];
            }
            if (range != null) {
                int a0 = offsets ? seasonal.anchor(ring, 0) : EventHistory.NONE;
                zNext[0] = (a0 == EventHistory.NONE ? zt : scaled(ring.value(a0), 0)) + out[0];
                range.forecast(state.detector(), n, dims, zNext);
            }
        }
        state.stepsSeen(state.stepsSeen() + 1);
        return anomalyScore;
    }

    /**
     * The range detector on the current event: z_j, the season-ago event (the newest of {@code before} at or
     * before time − period, within tolerance) and the update.
     */
    private double detect(KeyState state, KeyState.History before, long time, ServingModel model,
                          RangeNovelty.Update how) {
        int n = model.eventSize();
        for (int j = 0; j < n; j++) {
            zEvent[j] = scaled(observed[j], j);
        }
        float[] season = null;
        int k = before.newestAtOrBefore(time - rangeSettings.periodMs(), rangeSettings.toleranceMs());
        if (k != EventHistory.NONE) {
            for (int j = 0; j < n; j++) {
                zSeason[j] = scaled(before.value(k, j), j);
            }
            season = zSeason;
        }
        return range.update(state.detector(), state.detectorCounters(), n, model.spec().outputDim(), observed, zEvent,
                season, how);
    }

    /** (v − μ_j)/σ_j in double, rounded to float: the scaled value the range detector compares. */
    private float scaled(double v, int j) {
        return (float) ((v - mu[j]) / sigma[j]);
    }

    /** Fills zCal with the calibrated residuals; returns the anomaly score when asked, else NaN. */
    private double residualScore(KeyState state, ServingModel model, boolean score) {
        int dims = model.spec().outputDim();
        ResidualCalibration cal = model.calibration();
        float[] f = state.forecast();
        for (int d = 0; d < dims; d++) {
            residual[d] = (observed[d] - f[d]) / sigma[d];
        }
        AnomalyScorer.standardize(residual, cal, dims, zCal);
        return score ? AnomalyScorer.probability(statistic(state, cal, dims), cal) : Double.NaN;
    }

    /** The statistic of zCal[0..dims) under the configured normalization. */
    private double statistic(KeyState state, ResidualCalibration cal, int dims) {
        double byModel = AnomalyScorer.statistic(cal.statistic(), zCal, dims);
        if (settings.normalization() == AnomalyNormalization.CALIBRATION
                || state.residualCount() < settings.keyMinCount()) {
            return byModel;
        }
        AnomalyScorer.standardizeByKey(zCal, state.residualMean(), state.residualVar(), dims, zKey);
        double byKey = AnomalyScorer.statistic(cal.statistic(), zKey, dims);
        return settings.normalization() == AnomalyNormalization.KEY ? byKey : Math.min(byModel, byKey);
    }

    private void scaling(KeyState state, ServingModel model, String key) {
        int n = model.eventSize();
        InputNormalization norm = model.normalization();
        ZScoreNormalizer source = norm.global();
        if (norm.mode() == InputNormalization.Mode.PER_KEY) {
            ZScoreNormalizer known = norm.forKey(key);
            if (known != null) {
                source = known;
            } else if (state.normalizerCount() >= settings.normalizerWarmup()) {
                float[] mean = state.normalizerMean();
                float[] m2 = state.normalizerM2();
                int k = state.normalizerCount();
                for (int j = 0; j < n; j++) {
                    float s = (float) Math.sqrt(m2[j] / k);
                    mu[j] = mean[j];
                    sigma[j] = s < ZScoreNormalizer.MIN_STD ? 1f : s;
                }
                return;
            }
        }
        for (int j = 0; j < n; j++) {
            mu[j] = source.mean(j);
            sigma[j] = source.std(j);
        }
    }
}
