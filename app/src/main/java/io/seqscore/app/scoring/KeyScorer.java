package io.seqscore.app.scoring;

import io.seqscore.app.model.InputNormalization;
import io.seqscore.app.model.ResidualCalibration;
import io.seqscore.app.model.ServingModel;
import io.seqscore.app.state.KeyState;
import io.seqscore.model.core.Network;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.model.core.Workspace;
import io.seqscore.model.core.norm.ZScoreNormalizer;

import java.util.List;

/**
 * Advances one key's {@link KeyState} under a model by one event: the event's scaling, the residual of
 * the stored forecast and its anomaly score, the key's running residual statistics, one network step
 * and the new forecast; and the re-warm that replays buffered inputs. Owns the scratch arrays and the
 * network workspace of one stream task, so a step allocates nothing; not thread-safe.
 *
 * <pre>
 * scaling    μ, σ = the release's (GLOBAL, or PER_KEY for a key it knows), the key's own once fitted
 *                   on its first N values (PER_KEY, other keys), or 0, 1 (NONE)
 * residual   r_d = (observed_d − f_d) / σ_d            f = the forecast stored at the previous event
 * score      see {@link AnomalyScorer}; the key's statistics are updated with z_d after scoring
 * step       z_in = (x − μ) / σ;  out = network.step(h, z_in);  f'_i = out_i·σ_d + μ_d   (d = i mod D)
 * </pre>
 */
public final class KeyScorer {
    /** Networks whose scratch buffers are kept at once: a task alternating between a few models allocates nothing. */
    static final int CACHED_NETWORKS = 8;

    private final ScoringSettings settings;

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

    public KeyScorer(ScoringSettings settings) {
        this.settings = settings;
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
        }
        if (residual.length < spec.outputDim()) {
            residual = new double[spec.outputDim()];
            zCal = new double[spec.outputDim()];
            zKey = new double[spec.outputDim()];
        }
    }

    /**
     * Folds the current input into the state: residual of the stored forecast (anomaly score, then the
     * running statistics), the key's own normalizer while it is being fitted, one step, the new forecast.
     *
     * @return the anomaly score, NaN when the state had no forecast
     */
    public double fold(KeyState state, ServingModel model, String key) {
        return fold(state, model, key, true);
    }

    /** Rebuilds the state for the model: zero h/c, then the buffered inputs replayed oldest first. */
    public void rewarm(KeyState state, ServingModel model, String key) {
        rewarm(state, state, model, key);
    }

    /**
     * Rebuilds {@code state} for the model from the inputs buffered in {@code inputs} (the key's main
     * state, for a shadow state that keeps no inputs of its own): zero h/c, then the inputs replayed
     * oldest first.
     */
    public void rewarm(KeyState state, KeyState inputs, ServingModel model, String key) {
        prepare(model);
        NetworkSpec spec = model.spec();
        state.resetRecurrent(model.name(), model.version(), spec.stateSize(), spec.outputDim());
        int n = spec.inputSize();
        float[] live = x;
        double[] liveObserved = observed;
        x = replayX;
        observed = replayObserved;
        try {
            for (int i = 0; i < inputs.ringCount(); i++) {
                inputs.copyRingInput(i, x, 0);
                for (int j = 0; j < n; j++) {
                    observed[j] = x[j];
                }
                fold(state, model, key, false);
            }
        } finally {
            x = live;
            observed = liveObserved;
        }
    }

    /** The anomaly score of the current input against the stored forecast, changing nothing (late events). */
    public double scoreAgainst(KeyState state, ServingModel model, String key) {
        prepare(model);
        scaling(state, model, key);
        return state.hasForecast() ? residualScore(state, model, true) : Double.NaN;
    }

    private double fold(KeyState state, ServingModel model, String key, boolean live) {
        prepare(model);
        NetworkSpec spec = model.spec();
        int n = spec.inputSize();
        int dims = spec.outputDim();
        scaling(state, model, key);
        double anomalyScore = Double.NaN;
        if (state.hasForecast()) {
            anomalyScore = residualScore(state, model, live);
            AnomalyScorer.updateRunning(zCal, state.residualMean(), state.residualVar(), dims, settings.keyAlpha());
            state.residualCount(state.residualCount() + 1);
        }
        if (live && model.normalization().mode() == InputNormalization.Mode.PER_KEY
                && model.normalization().forKey(key) == null && state.normalizerCount() < settings.normalizerWarmup()) {
            state.addToNormalizer(x);
        }
        for (int j = 0; j < n; j++) {
            z[j] = (x[j] - mu[j]) / sigma[j];
        }
        model.network().step(state.recurrent(), z, out, workspace);
        float[] forecast = state.forecastBuffer(spec.horizon(), dims);
        for (int i = 0; i < out.length; i++) {
            int d = i % dims;
            forecast[i] = out[i] * sigma[d] + mu[d];
        }
        state.stepsSeen(state.stepsSeen() + 1);
        return anomalyScore;
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
        int n = model.spec().inputSize();
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
