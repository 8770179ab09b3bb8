package io.seqscore.app.model;

import io.seqscore.model.core.anomaly.ResidualCalibration;
import io.seqscore.avro.Architecture;
import io.seqscore.avro.Calibration;
import io.seqscore.avro.FeatureKind;
import io.seqscore.avro.Head;
import io.seqscore.avro.InputFeatures;
import io.seqscore.avro.KeyNormalizer;
import io.seqscore.avro.Layer;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.NamedValue;
import io.seqscore.avro.Normalizer;
import io.seqscore.avro.RolloutDirective;
import io.seqscore.avro.Tensor;
import io.seqscore.model.core.CellType;
import io.seqscore.model.core.HeadKinds;
import io.seqscore.model.core.HeadSpec;
import io.seqscore.model.core.QuantileHead;
import io.seqscore.model.core.LayerSpec;
import io.seqscore.model.core.Network;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.model.core.ParamTensor;
import io.seqscore.model.core.features.FeatureKinds;
import io.seqscore.model.core.features.FeatureParameters;
import io.seqscore.model.core.features.FeatureTransform;
import io.seqscore.model.core.anomaly.SymbolTransitions;
import io.seqscore.model.core.features.SymbolFeatures;
import io.seqscore.model.core.features.Vocabulary;
import io.seqscore.model.core.norm.ZScoreNormalizer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a {@link ModelRelease} into a {@link ServingModel}, or rejects it with the precise reason:
 * name and version, architecture (known cells, sizes within bounds, D ≤ n), weights (every tensor of
 * {@link NetworkSpec#tensors()} exactly once, in layout order, with its shape, float32 little-endian,
 * all finite), normalizer (known mode, lengths, finite, σ > 0, per-key entries sorted and unique),
 * calibration (lengths H·D, finite, scale > 0, knots non-decreasing, threshold in [0, 1]), input features
 * (a kind known to {@link FeatureKinds}, whose parameters and network the kind checks: VALUES every parameter
 * 0; SEASONAL_CHANGES and SEASONAL_OFFSETS inputSize 4, outputDim 1, period &gt; 0, spacing ≥ 0, tolerance ≥ 0,
 * historySize in [1, {@value #MAX_HISTORY}], a finite clip &gt; 0; the normalizer then has one mean and std, for
 * the events' one value; a vocabulary's transitions within [0, (V + 1)·V), ascending and distinct, and its end
 * symbol one of its symbols) and rollout
 * directive (known mode, canary percentage in [0, 100], a rollback naming an earlier version). The
 * {@link ReleaseVerifier} runs first. A rollback release ({@code rollbackTo} set) becomes a model of the
 * version it restores (see {@link ServingModel#releaseVersion()}). Thread-safe.
 */
public final class ModelReleaseDecoder {
    static final int MAX_LAYERS = 64;
    static final int MAX_DIM = 1 << 16;
    static final int MAX_HORIZON = 1 << 12;
    /** Most events a SEASONAL_CHANGES release may ask the scorer to keep per key (16 days at 5-minute spacing). */
    public static final int MAX_HISTORY = io.seqscore.model.core.features.SeasonalFeatures.MAX_HISTORY;

    private final ReleaseVerifier verifier;

    public ModelReleaseDecoder(ReleaseVerifier verifier) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    /**
     * @param key the record key on the models topic, which must equal the release's name
     * @throws ReleaseRejectedException naming what is wrong
     */
    public ServingModel decode(String key, ModelRelease release) throws ReleaseRejectedException {
        if (release == null) {
            throw new ReleaseRejectedException("no release");
        }
        String name = release.getName();
        if (name == null || name.isEmpty()) {
            throw new ReleaseRejectedException("release has no model name");
        }
        if (key != null && !key.equals(name)) {
            throw new ReleaseRejectedException("release name '" + name + "' differs from its record key '" + key + "'");
        }
        if (release.getVersion() <= 0) {
            throw new ReleaseRejectedException("version must be > 0, got " + release.getVersion());
        }
        verifier.verify(release);
        NetworkSpec spec = spec(release.getArchitecture(), embedding(release.getFeatures()));
        float[] params = weights(spec, release.getWeights());
        Network network;
        try {
            network = Network.of(spec, params);
        } catch (IllegalArgumentException e) {
            throw new ReleaseRejectedException("invalid weights: " + e.getMessage(), e);
        }
        HeadSpec head = head(release.getArchitecture());
        try {
            HeadKinds.check(head, spec);
        } catch (IllegalArgumentException e) {
            throw new ReleaseRejectedException(e.getMessage(), e);
        }
        NetworkSpec forecast = HeadKinds.forecastSpec(head, spec);
        FeatureTransform features = features(forecast, release.getFeatures());
        int eventSize = features.eventSize(forecast);
        SymbolTransitions transitions = transitions(features, release.getFeatures());
        int endSymbol = endSymbol(features, release.getFeatures());
        InputNormalization normalization = normalization(eventSize, release.getNormalizer());
        ResidualCalibration calibration = calibration(forecast, release.getCalibration());
        Rollout rollout = rollout(release.getRollout());
        long createdAt = release.getCreatedAt() == null ? 0L : release.getCreatedAt().toEpochMilli();
        long served = release.getVersion();
        if (rollout.rollbackTo() != null) {
            long to = rollout.rollbackTo();
            if (to < 1 || to >= release.getVersion()) {
                throw new ReleaseRejectedException("rollout rollbackTo must name an earlier version (1 to "
                        + (release.getVersion() - 1) + "), got " + to);
            }
            served = to;
        }
        try {
            return new ServingModel(name, served, release.getVersion(), createdAt, network, features,
                    head, normalization, calibration, rollout, release.getProvenance(), transitions, endSymbol);
        } catch (IllegalArgumentException e) {
            throw new ReleaseRejectedException(e.getMessage(), e);
        }
    }

    static NetworkSpec spec(Architecture a) throws ReleaseRejectedException {
        return spec(a, null);
    }

    /**
     * {V, e, m} when the features give a vocabulary and an embedding width (a network that reads symbols, and m
     * values beside each), else null.
     */
    private static int[] embedding(InputFeatures f) throws ReleaseRejectedException {
        return f == null || f.getVocabulary() == null || f.getVocabulary().isEmpty() ? null
                : SymbolFeatures.embeddingOf(parameters(f));
    }

    /**
     * The network of an architecture; with {@code embedding} = {V, e, m}, one that reads a symbol's index through an
     * embedding of V rows of e values and m values beside it (Architecture.inputSize 1 + m, layer 0 reading e + m).
     */
    static NetworkSpec spec(Architecture a, int[] embedding) throws ReleaseRejectedException {
        if (a == null) {
            throw new ReleaseRejectedException("release has no architecture");
        }
        int n = bounded(a.getInputSize(), "architecture inputSize", MAX_DIM);
        int horizon = bounded(a.getHorizon(), "architecture horizon", MAX_HORIZON);
        int outputDim = bounded(a.getOutputDim(), "architecture outputDim", MAX_DIM);
        if (embedding != null && n != 1 + embedding[2]) {
            throw new ReleaseRejectedException("architecture inputSize must be " + (1 + embedding[2]) + " (the symbol's"
                    + " index" + (embedding[2] == 0 ? "" : " and " + embedding[2] + " values") + ") for features with a"
                    + " vocabulary, got " + n);
        }
        boolean quantiles = a.getHead() != null && a.getHead().getKind() != null
                && QuantileHead.KIND.equals(a.getHead().getKind().toString());
        int values = quantiles ? outputDim / QuantileHead.ROWS : outputDim;
        if (values > n && embedding == null) {
            throw new ReleaseRejectedException("architecture outputDim " + outputDim
                    + (quantiles ? " (" + values + " forecast values under a quantile head)" : "") + " exceeds inputSize "
                    + n + ": forecast value d predicts input feature d");
        }
        List<Layer> layers = a.getLayers();
        if (layers == null || layers.isEmpty()) {
            throw new ReleaseRejectedException("architecture has no layers");
        }
        if (layers.size() > MAX_LAYERS) {
            throw new ReleaseRejectedException("architecture has " + layers.size() + " layers, at most " + MAX_LAYERS);
        }
        List<LayerSpec> specs = new ArrayList<>(layers.size());
        int in = embedding == null ? n : embedding[1] + embedding[2];
        for (int k = 0; k < layers.size(); k++) {
            Layer layer = layers.get(k);
            CellType cell = cell(layer.getCell(), k);
            int units = bounded(layer.getUnits(), "layer " + k + " units", MAX_DIM);
            specs.add(new LayerSpec(cell, in, units));
            in = units;
        }
        try {
            return embedding == null ? new NetworkSpec(n, specs, horizon, outputDim)
                    : NetworkSpec.embedded(embedding[0], embedding[2], specs, horizon, outputDim);
        } catch (IllegalArgumentException e) {
            throw new ReleaseRejectedException("invalid architecture: " + e.getMessage(), e);
        }
    }

    /**
     * The release's feature kind, resolved by name through {@link FeatureKinds}: the features' name, or the
     * kind enum's symbol in releases that name none; with its parameters checked by the kind and the network
     * checked against it.
     */
    static FeatureTransform features(NetworkSpec spec, InputFeatures f) throws ReleaseRejectedException {
        FeatureParameters parameters = f == null ? FeatureParameters.of(FeatureKind.VALUES.name()) : parameters(f);
        try {
            FeatureTransform features = FeatureKinds.create(parameters);
            features.check(spec);
            return features;
        } catch (IllegalArgumentException e) {
            throw new ReleaseRejectedException(e.getMessage(), e);
        }
    }

    private static FeatureParameters parameters(InputFeatures f) throws ReleaseRejectedException {
        String name = f.getName() == null ? "" : f.getName().toString();
        FeatureKind symbol = f.getKind() == null ? FeatureKind.UNKNOWN : f.getKind();
        if (name.isEmpty()) {
            if (symbol == FeatureKind.UNKNOWN) {
                throw new ReleaseRejectedException("unknown feature kind (written by a newer schema)");
            }
            name = symbol.name();
        } else if (symbol != FeatureKind.UNKNOWN && !symbol.name().equals(name)) {
            throw new ReleaseRejectedException("features name '" + name + "' contradicts their kind " + symbol);
        }
        if (!FeatureKinds.known(name)) {
            throw new ReleaseRejectedException("unknown feature kind '" + name + "' (this scorer knows "
                    + FeatureKinds.names() + ")");
        }
        return new FeatureParameters(name, f.getPeriodMillis(), f.getSpacingMillis(), f.getToleranceMillis(),
                f.getHistorySize(), f.getClip(), namedValues(f.getParameters(), "features parameter"),
                f.getVocabulary() == null ? List.of() : f.getVocabulary().stream().map(CharSequence::toString).toList());
    }

    /**
     * The features' transitions over the vocabulary ({@link SymbolTransitions#NONE} when none): codes previous·V + next
     * in [0, (V + 1)·V), ascending and distinct, only with a vocabulary.
     */
    static SymbolTransitions transitions(FeatureTransform features, InputFeatures f) throws ReleaseRejectedException {
        if (f == null || f.getTransitions() == null || f.getTransitions().isEmpty()) {
            return SymbolTransitions.NONE;
        }
        Vocabulary vocabulary = features.symbols().orElse(null);
        if (vocabulary == null) {
            throw new ReleaseRejectedException("features transitions need a vocabulary (a kind that reads symbols)");
        }
        try {
            return SymbolTransitions.of(vocabulary.size(), f.getTransitions());
        } catch (IllegalArgumentException e) {
            throw new ReleaseRejectedException("features " + e.getMessage(), e);
        }
    }

    /** The index of the features' end symbol, −1 when none; it must be a symbol of the vocabulary. */
    static int endSymbol(FeatureTransform features, InputFeatures f) throws ReleaseRejectedException {
        if (f == null || f.getEndSymbol() == null) {
            return -1;
        }
        String end = f.getEndSymbol().toString();
        Vocabulary vocabulary = features.symbols().orElse(null);
        int index = vocabulary == null ? Vocabulary.UNKNOWN : vocabulary.index(end);
        if (index == Vocabulary.UNKNOWN) {
            throw new ReleaseRejectedException("features endSymbol '" + end + "' is not a symbol of the vocabulary");
        }
        return index;
    }

    /** The release's head: the regression head unless Architecture.head names another. */
    static HeadSpec head(Architecture a) throws ReleaseRejectedException {
        Head head = a.getHead();
        if (head == null) {
            return HeadSpec.REGRESSION;
        }
        return new HeadSpec(head.getKind() == null ? "" : head.getKind().toString(),
                namedValues(head.getParameters(), "head parameter"));
    }

    private static Map<String, Double> namedValues(List<NamedValue> values, String what) throws ReleaseRejectedException {
        Map<String, Double> named = new LinkedHashMap<>();
        if (values == null) {
            return named;
        }
        for (NamedValue v : values) {
            String name = v.getName() == null ? "" : v.getName().toString();
            if (name.isEmpty() || named.put(name, v.getValue()) != null) {
                throw new ReleaseRejectedException(what + " names must be non-empty and unique, got '" + name + "' twice or empty");
            }
        }
        return named;
    }

    private static CellType cell(io.seqscore.avro.CellType cell, int layer) throws ReleaseRejectedException {
        if (cell == null || cell == io.seqscore.avro.CellType.UNKNOWN) {
            throw new ReleaseRejectedException("layer " + layer + " has an unknown cell type (written by a newer schema)");
        }
        return switch (cell) {
            case LSTM -> CellType.LSTM;
            case GRU_RESET_AFTER -> CellType.GRU_RESET_AFTER;
            case GRU_RESET_BEFORE -> CellType.GRU_RESET_BEFORE;
            case RNN_TANH -> CellType.RNN_TANH;
            case RNN_RELU -> CellType.RNN_RELU;
            case UNKNOWN -> throw new AssertionError("handled above");
        };
    }

    static float[] weights(NetworkSpec spec, List<Tensor> tensors) throws ReleaseRejectedException {
        List<ParamTensor> expected = spec.tensors();
        if (tensors == null) {
            throw new ReleaseRejectedException("release has no weights");
        }
        float[] params = new float[spec.paramCount()];
        for (int t = 0; t < Math.max(expected.size(), tensors.size()); t++) {
            if (t >= tensors.size()) {
                throw new ReleaseRejectedException("weights miss tensor " + expected.get(t).name() + " (and any after it): "
                        + tensors.size() + " tensors given, the architecture has " + expected.size());
            }
            Tensor given = tensors.get(t);
            if (t >= expected.size()) {
                throw new ReleaseRejectedException("unexpected tensor '" + given.getName() + "' after the "
                        + expected.size() + " tensors of the architecture");
            }
            ParamTensor want = expected.get(t);
            if (!want.name().equals(given.getName())) {
                boolean known = expected.stream().anyMatch(p -> p.name().equals(given.getName()));
                throw new ReleaseRejectedException("tensor " + t + " is '" + given.getName() + "' but the layout expects '"
                        + want.name() + "' there" + (known ? " (tensors out of order or repeated)" : " (unknown tensor)"));
            }
            int[] shape = toIntArray(given.getShape());
            if (!Arrays.equals(shape, want.shape())) {
                throw new ReleaseRejectedException("tensor " + want.name() + " has shape " + Arrays.toString(shape)
                        + ", the architecture needs " + Arrays.toString(want.shape()));
            }
            ByteBuffer data = given.getData();
            int size = want.size();
            if (data == null || data.remaining() != 4L * size) {
                throw new ReleaseRejectedException("tensor " + want.name() + " has " + (data == null ? 0 : data.remaining())
                        + " bytes of data, its shape needs " + 4L * size + " (float32)");
            }
            ByteBuffer le = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            int base = le.position();
            for (int i = 0; i < size; i++) {
                float v = le.getFloat(base + 4 * i);
                if (!Float.isFinite(v)) {
                    throw new ReleaseRejectedException("weight " + want.element(i) + " is not finite: " + v);
                }
                params[want.offset() + i] = v;
            }
        }
        return params;
    }

    static InputNormalization normalization(int n, Normalizer norm) throws ReleaseRejectedException {
        if (norm == null || norm.getMode() == null) {
            throw new ReleaseRejectedException("release has no normalizer");
        }
        switch (norm.getMode()) {
            case NONE -> {
                if (!norm.getMean().isEmpty() || !norm.getStd().isEmpty() || !norm.getPerKey().isEmpty()) {
                    throw new ReleaseRejectedException("normalizer mode NONE must have empty mean, std and perKey");
                }
                return new InputNormalization(InputNormalization.Mode.NONE, ZScoreNormalizer.identity(n), Map.of());
            }
            case GLOBAL -> {
                if (!norm.getPerKey().isEmpty()) {
                    throw new ReleaseRejectedException("normalizer mode GLOBAL must have no perKey statistics");
                }
                return new InputNormalization(InputNormalization.Mode.GLOBAL,
                        zScore(norm.getMean(), norm.getStd(), n, "normalizer"), Map.of());
            }
            case PER_KEY -> {
                ZScoreNormalizer global = zScore(norm.getMean(), norm.getStd(), n, "normalizer");
                Map<String, ZScoreNormalizer> perKey = new HashMap<>();
                String previous = null;
                for (KeyNormalizer k : norm.getPerKey()) {
                    if (previous != null && previous.compareTo(k.getKey()) >= 0) {
                        throw new ReleaseRejectedException("normalizer perKey must be sorted by key with each key once, but '"
                                + k.getKey() + "' comes after '" + previous + "'");
                    }
                    previous = k.getKey();
                    perKey.put(k.getKey(), zScore(k.getMean(), k.getStd(), n, "normalizer of key '" + k.getKey() + "'"));
                }
                return new InputNormalization(InputNormalization.Mode.PER_KEY, global, perKey);
            }
            default -> throw new ReleaseRejectedException("normalizer mode " + norm.getMode()
                    + " is unknown (written by a newer schema)");
        }
    }

    private static ZScoreNormalizer zScore(List<Float> mean, List<Float> std, int n, String what)
            throws ReleaseRejectedException {
        if (mean.size() != n || std.size() != n) {
            throw new ReleaseRejectedException(what + " has " + mean.size() + " means and " + std.size()
                    + " stds, the architecture reads " + n + " values");
        }
        float[] mu = new float[n];
        float[] sd = new float[n];
        for (int j = 0; j < n; j++) {
            mu[j] = mean.get(j);
            sd[j] = std.get(j);
        }
        try {
            return ZScoreNormalizer.of(mu, sd);
        } catch (IllegalArgumentException e) {
            throw new ReleaseRejectedException(what + ": " + e.getMessage(), e);
        }
    }

    static ResidualCalibration calibration(NetworkSpec spec, Calibration c) throws ReleaseRejectedException {
        if (c == null) {
            throw new ReleaseRejectedException("release has no calibration");
        }
        int size = spec.outputSize();
        double[] center = doubles(c.getCenter(), size, "calibration center");
        double[] scale = doubles(c.getScale(), size, "calibration scale");
        double[] lower = doubles(c.getIntervalLower(), size, "calibration intervalLower");
        double[] upper = doubles(c.getIntervalUpper(), size, "calibration intervalUpper");
        ResidualCalibration.Statistic statistic = switch (c.getStatistic() == null ? io.seqscore.avro.ScoreStatistic.UNKNOWN
                : c.getStatistic()) {
            case MAX_ABS -> ResidualCalibration.Statistic.MAX_ABS;
            case RMS -> ResidualCalibration.Statistic.RMS;
            case UNKNOWN -> throw new ReleaseRejectedException("calibration statistic is unknown (written by a newer schema)");
        };
        double[] quantiles = c.getScoreQuantiles().stream().mapToDouble(Double::doubleValue).toArray();
        try {
            return new ResidualCalibration(center, scale, statistic, quantiles, c.getThreshold(),
                    c.getIntervalCoverage(), lower, upper, c.getWarmupSteps(), c.getTargetFpr());
        } catch (IllegalArgumentException e) {
            throw new ReleaseRejectedException(e.getMessage(), e);
        }
    }

    static Rollout rollout(RolloutDirective r) throws ReleaseRejectedException {
        if (r == null) {
            return Rollout.FULL_ON_ARRIVAL;
        }
        Rollout.Mode mode = switch (r.getMode() == null ? io.seqscore.avro.RolloutMode.UNKNOWN : r.getMode()) {
            case FULL -> Rollout.Mode.FULL;
            case CANARY -> Rollout.Mode.CANARY;
            case SHADOW -> Rollout.Mode.SHADOW;
            case UNKNOWN -> throw new ReleaseRejectedException("rollout mode is unknown (written by a newer schema)");
        };
        if (!(r.getCanaryPercent() >= 0 && r.getCanaryPercent() <= 100)) {
            throw new ReleaseRejectedException("rollout canaryPercent must be in [0, 100], got " + r.getCanaryPercent());
        }
        Long activateAt = r.getActivateAt() == null ? null : r.getActivateAt().toEpochMilli();
        return new Rollout(mode, r.getCanaryPercent(), activateAt, r.getRollbackTo());
    }

    private static double[] doubles(List<Double> values, int size, String what) throws ReleaseRejectedException {
        if (values == null || values.size() != size) {
            throw new ReleaseRejectedException(what + " has " + (values == null ? 0 : values.size())
                    + " values, the architecture forecasts " + size + " (H·D)");
        }
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    private static int[] toIntArray(List<Integer> shape) {
        return shape == null ? new int[0] : shape.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int bounded(int value, String what, int max) throws ReleaseRejectedException {
        if (value < 1 || value > max) {
            throw new ReleaseRejectedException(what + " must be in [1, " + max + "], got " + value);
        }
        return value;
    }
}
