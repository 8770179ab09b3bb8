package io.seqscore.app.scoring;

import io.seqscore.app.model.InputNormalization;
import io.seqscore.app.model.ServingModel;
import io.seqscore.app.state.KeyState;
import io.seqscore.input.DoubleList;
import io.seqscore.model.core.Network;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.model.core.SoftmaxMixtureHead;
import io.seqscore.model.core.Workspace;
import io.seqscore.model.core.anomaly.Detector;
import io.seqscore.model.core.anomaly.DetectorEvent;
import io.seqscore.model.core.anomaly.Detectors;
import io.seqscore.model.core.anomaly.NextSymbolDetector;
import io.seqscore.model.core.features.EventHistory;
import io.seqscore.model.core.features.FeatureTransform;
import io.seqscore.model.core.norm.ZScoreNormalizer;

import java.util.List;

/**
 * Advances one key's {@link KeyState} under a model by one event: the event's scaling, its anomaly
 * score (the configured {@link Detector}), one network step on the model's {@link FeatureTransform} inputs
 * and the new forecast; and the re-warm that replays the key's buffered events. The event must already be
 * in the ring of the state that holds the key's events ({@code events}: the key's own, or its main state for
 * a shadow state). Owns the scratch arrays, the detector and the network workspace of one stream task, so a
 * step allocates nothing; not thread-safe. Kinds are resolved by name, once: the features per release
 * ({@link io.seqscore.model.core.features.FeatureKinds}), the detector per scorer ({@link Detectors}):
 * {@code seqscore.anomaly.detector} for releases of values, next-symbol for releases of symbols (the only
 * detector that reads them), chosen per event by the model's kind.
 *
 * <pre>
 * scaling    μ, σ = the release's (GLOBAL, or PER_KEY for a key it knows), the key's own once fitted
 *                   on its first N values (PER_KEY, other keys), or 0, 1 (NONE)
 * score      = detector.update(key's detector state, event: values, μ, σ, the forecast f stored at the
 *              previous event, the calibration, time, the key's earlier events)
 * step       x = features.inputs(event, ring, key's feature state, μ, σ);  out = network.step(h, x)
 *            (the feature state, e.g. ES_HYBRID's level and seasons, is advanced by the event here)
 * forecast   f', ẑ = features.forecasts(event, ring, feature state, μ, σ, out)   (f' in the events' units, ẑ scaled, step 1)
 *            (a quantile head: the point and each bound through features.forecasts, {@link QuantileForecasts})
 *            (a softmax-mixture head, a next-symbol ensemble: f' = ẑ = the mean of the K members' softmaxes,
 *            {@link SoftmaxMixtureHead#mean})
 *            detector.forecast(state, ẑ)
 * </pre>
 */
public final class KeyScorer {
    /** Networks whose scratch buffers are kept at once: a task alternating between a few models allocates nothing. */
    static final int CACHED_NETWORKS = 8;
    private final ScoringSettings settings;
    private final Detector valuesDetector;
    private final Detector symbolsDetector;
    private Detector detector;
    private final KeyDetectorState detectorState = new KeyDetectorState();
    private final DetectorEvent event = new DetectorEvent();

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
    private double[] rowScratch = new double[0];
    /** The input arrays of the decoded values and of a longer row (a symbol's index first), each kept across events. */
    private float[] valuesX = x;
    private double[] valuesObserved = observed;
    private float[] rowX = x;
    private double[] rowObserved = observed;
    private float[] replayX = new float[0];
    private double[] replayObserved = new double[0];
    private float[] mu = new float[0];
    private float[] sigma = new float[0];
    private float[] zNext = new float[1];
    private final QuantileForecasts[] cachedQuantiles = new QuantileForecasts[CACHED_NETWORKS];
    private QuantileForecasts quantiles;

    public KeyScorer(ScoringSettings settings) {
        this.settings = settings;
        this.valuesDetector = Detectors.create(settings.detectorName(), settings.detectorSettings());
        this.symbolsDetector = NextSymbolDetector.NAME.equals(settings.detectorName()) ? valuesDetector
                : Detectors.create(NextSymbolDetector.NAME, settings.detectorSettings());
        this.detector = valuesDetector;
    }

    /**
     * Takes an event's values as the current input (as doubles, and as the floats the network reads).
     *
     * @return the index of the first value that is NaN or infinite, or −1 when all are finite
     */
    public int setInput(List<Double> values) {
        int n = values.size();
        if (valuesX.length != n) {
            valuesX = new float[n];
            valuesObserved = new double[n];
        }
        x = valuesX;
        observed = valuesObserved;
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

    /**
     * Makes the current event's row under a model's features ({@link FeatureTransform#row}: the values, or a
     * symbol's index then the values) the current input, written to {@code row}, which it returns.
     */
    public DoubleList row(FeatureTransform features, String symbol, DoubleList row) {
        int n = observed.length;
        int size = features.rowSize(n);
        if (rowScratch.length < size) {
            rowScratch = new double[size];
        }
        features.row(symbol, observed, n, rowScratch);
        if (size != n) {
            if (rowX.length != size) {
                rowX = new float[size];
                rowObserved = new double[size];
            }
            x = rowX;
            observed = rowObserved;
        }
        row.reset(size);
        for (int j = 0; j < size; j++) {
            double v = rowScratch[j];
            row.put(j, v);
            observed[j] = v;
            x[j] = (float) v;
        }
        return row;
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
        detector = model.vocabulary() != null ? symbolsDetector : valuesDetector;
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
            cachedQuantiles[slot] = model.hasQuantileHead() ? new QuantileForecasts(model.forecastSize()) : null;
        }
        prepared = network;
        workspace = cachedWorkspaces[slot];
        z = cachedZ[slot];
        out = cachedOut[slot];
        quantiles = cachedQuantiles[slot];
        int n = spec.inputSize();
        if (replayX.length < n) {
            replayX = new float[n];
            replayObserved = new double[n];
        }
        if (mu.length < n) {
            mu = new float[n];
            sigma = new float[n];
        }
        if (zNext.length < spec.outputDim()) {
            zNext = new float[spec.outputDim()];
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
        return fold(state, events, 0, model, key, Detector.Mode.LIVE);
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
        state.resetRecurrent(model.name(), model.version(), spec.stateSize(), model.forecastDim());
        model.features().reset(state.resetFeatures(model.features().stateSize()));
        Detector.Mode replay = detector.beginReplay(detectorState.of(state), model.eventSize(), model.forecastDim());
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
        fillEvent(state, model);
        if (detector.historySize() > 0) {
            event.time = eventTime;
            event.before = events.history(0, detector.historySize());
        }
        return detector.update(detectorState.of(state), event, Detector.Mode.PEEK);
    }

    /**
     * Whether an event with this anomaly score (of the last fold or scoreAgainst) is flagged, warm-up
     * aside, by the detector of the model's kind. Calibrated: score ≥ the threshold. Range: outside the refractory
     * period, E &gt; margin and E above the key's alarm level, or, with a configured threshold, score &gt; 0 and ≥ it.
     */
    public boolean flags(double anomalyScore, ServingModel model) {
        prepare(model);
        releaseFields(model);
        return detector.flags(anomalyScore, event);
    }

    /**
     * Whether a live event is flagged: an unseen symbol always; otherwise, once the key is past its warm-up, as the
     * detector {@link #flags} it, every event of a model of symbols and, of a model of values, an event that had a
     * forecast.
     */
    public boolean flagged(double anomalyScore, ServingModel model, boolean unseen, boolean hadForecast, boolean warm) {
        return unseen || (hadForecast || model.vocabulary() != null) && warm && flags(anomalyScore, model);
    }

    /** What the detector reads of the release: its calibration, and a model of symbols' transitions and end symbol. */
    private void releaseFields(ServingModel model) {
        event.calibration = model.calibration();
        event.transitions = model.transitions();
        event.endSymbol = model.endSymbol();
    }

    /**
     * One event into the state: the event is the {@code skip}-th newest of {@code events}' ring. LIVE for a
     * live event, REPLAY or REPLAY_MODEL while re-warming (not scored).
     */
    private double fold(KeyState state, KeyState events, int skip, ServingModel model, String key, Detector.Mode how) {
        boolean live = how == Detector.Mode.LIVE;
        prepare(model);
        NetworkSpec spec = model.spec();
        FeatureTransform features = model.features();
        scaling(state, model, key);
        fillEvent(state, model);
        if (detector.historySize() > 0) {
            event.time = events.history(skip, 1).time(0);
            event.before = events.history(skip + 1, detector.historySize());
        }
        double anomalyScore = detector.update(detectorState.of(state), event, how);
        if (live && model.normalization().mode() == InputNormalization.Mode.PER_KEY
                && model.normalization().forKey(key) == null && state.normalizerCount() < settings.normalizerWarmup()) {
            state.addToNormalizer(x);
        }
        float[] forecast = state.forecastBuffer(spec.horizon(), model.storedForecastDim());
        EventHistory ring = events.history(skip, model.historySize());
        double[] featureState = state.features();
        features.inputs(x, ring, featureState, mu, sigma, z);
        model.network().step(state.recurrent(), z, out, workspace);
        if (model.mixtureMembers() > 1) {
            SoftmaxMixtureHead.mean(out, model.mixtureMembers(), model.forecastDim(), forecast);
            System.arraycopy(forecast, 0, zNext, 0, model.forecastDim());
        } else if (model.hasQuantileHead()) {
            quantiles.forecasts(features, model.forecastDim(), observed, ring, featureState, mu, sigma, out, forecast, zNext);
        } else {
            features.forecasts(observed, ring, featureState, mu, sigma, out, spec.outputDim(), forecast, zNext);
        }
        detector.forecast(detectorState, event, zNext);
        state.stepsSeen(state.stepsSeen() + 1);
        return anomalyScore;
    }

    /** The event as the detector sees it (the values, scaling, stored forecast and calibration; not its history). */
    private void fillEvent(KeyState state, ServingModel model) {
        event.values = model.eventSize();
        event.dims = model.forecastDim();
        event.observed = observed;
        event.mu = mu;
        event.sigma = sigma;
        event.forecast = state.hasForecast() ? state.forecast() : null;
        releaseFields(model);
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
