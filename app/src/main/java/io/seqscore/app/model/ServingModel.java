package io.seqscore.app.model;

import io.seqscore.model.core.anomaly.ResidualCalibration;
import io.seqscore.model.core.anomaly.SymbolTransitions;
import io.seqscore.avro.Provenance;
import io.seqscore.model.core.HeadKinds;
import io.seqscore.model.core.HeadSpec;
import io.seqscore.model.core.Network;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.model.core.QuantileHead;
import io.seqscore.model.core.SoftmaxMixtureHead;
import io.seqscore.model.core.features.FeatureParameters;
import io.seqscore.model.core.features.Vocabulary;
import io.seqscore.model.core.features.FeatureTransform;
import io.seqscore.model.core.features.ValuesFeatures;

import java.util.Objects;

/**
 * A validated release ready to score: its network (immutable, shared by every stream thread), input
 * features, input normalization, residual calibration and rollout directive, under its model name and
 * version. Built once per release by {@link ModelReleaseDecoder}; immutable.
 *
 * <p>{@link #version()} is the version whose weights these are, the one scores and key states name;
 * {@link #releaseVersion()} is the version of the release that carried them. The two differ only for a
 * rollback release, which carries the weights of the earlier version it restores.
 *
 * <p>Input features: the release's kind resolved through {@link io.seqscore.model.core.features.FeatureKinds}
 * ({@link #features()}): what the network reads from a key's events and how its output becomes forecasts.
 * {@link #eventSize()} is the number of values an event must carry, and the normalizer's;
 * {@link #historySize()} the key's latest events the features read.
 */
public final class ServingModel {
    private static final FeatureTransform VALUES = new ValuesFeatures(FeatureParameters.of(ValuesFeatures.KIND));

    private final String name;
    private final long version;
    private final long releaseVersion;
    private final long createdAt;
    private final Network network;
    private final FeatureTransform features;
    private final HeadSpec head;
    private final Vocabulary vocabulary;
    private final InputNormalization normalization;
    private final ResidualCalibration calibration;
    private final Rollout rollout;
    private final Provenance provenance;
    private final int eventSize;
    private final boolean quantileHead;
    private final int forecastDim;
    private final int mixtureMembers;
    private final SymbolTransitions transitions;
    private final int endSymbol;

    public ServingModel(String name, long version, long createdAt, Network network, InputNormalization normalization,
                        ResidualCalibration calibration, Rollout rollout, Provenance provenance) {
        this(name, version, version, createdAt, network, normalization, calibration, rollout, provenance);
    }

    /** @param releaseVersion the release's own version: {@code version} itself, or a later one for a rollback */
    public ServingModel(String name, long version, long releaseVersion, long createdAt, Network network,
                        InputNormalization normalization, ResidualCalibration calibration, Rollout rollout,
                        Provenance provenance) {
        this(name, version, releaseVersion, createdAt, network, VALUES, normalization, calibration, rollout, provenance);
    }

    /** @param features the network's input features and forecast target */
    public ServingModel(String name, long version, long releaseVersion, long createdAt, Network network,
                        FeatureTransform features, InputNormalization normalization, ResidualCalibration calibration,
                        Rollout rollout, Provenance provenance) {
        this(name, version, releaseVersion, createdAt, network, features, HeadSpec.REGRESSION, normalization, calibration,
                rollout, provenance);
    }

    /** @param head what the head's outputs mean, checked against the network through {@link HeadKinds} */
    public ServingModel(String name, long version, long releaseVersion, long createdAt, Network network,
                        FeatureTransform features, HeadSpec head, InputNormalization normalization,
                        ResidualCalibration calibration, Rollout rollout, Provenance provenance) {
        this(name, version, releaseVersion, createdAt, network, features, head, normalization, calibration, rollout,
                provenance, SymbolTransitions.NONE, -1);
    }

    /**
     * @param transitions a model of symbols' seen transitions over its vocabulary ({@link SymbolTransitions#NONE}: none)
     * @param endSymbol   the index of its end symbol, −1 when it has none
     */
    public ServingModel(String name, long version, long releaseVersion, long createdAt, Network network,
                        FeatureTransform features, HeadSpec head, InputNormalization normalization,
                        ResidualCalibration calibration, Rollout rollout, Provenance provenance,
                        SymbolTransitions transitions, int endSymbol) {
        this.transitions = Objects.requireNonNull(transitions, "transitions");
        this.endSymbol = endSymbol;
        this.head = Objects.requireNonNull(head, "head");
        this.name = Objects.requireNonNull(name, "name");
        this.version = version;
        this.releaseVersion = releaseVersion;
        this.createdAt = createdAt;
        this.network = Objects.requireNonNull(network, "network");
        this.features = Objects.requireNonNull(features, "features");
        this.vocabulary = features.symbols().orElse(null);
        this.normalization = Objects.requireNonNull(normalization, "normalization");
        this.calibration = Objects.requireNonNull(calibration, "calibration");
        this.rollout = Objects.requireNonNull(rollout, "rollout");
        this.provenance = provenance;
        NetworkSpec spec = network.spec();
        if (version <= 0) {
            throw new IllegalArgumentException("version must be > 0, got " + version);
        }
        if (releaseVersion < version) {
            throw new IllegalArgumentException("release version " + releaseVersion + " is older than the version "
                    + version + " it serves");
        }
        HeadKinds.check(head, spec);
        NetworkSpec forecast = HeadKinds.forecastSpec(head, spec);
        features.check(forecast);
        this.eventSize = features.eventSize(forecast);
        this.quantileHead = QuantileHead.is(head);
        this.mixtureMembers = SoftmaxMixtureHead.members(head);
        this.forecastDim = forecast.outputDim();
        if (normalization.global().features() != eventSize()) {
            throw new IllegalArgumentException("normalizer has " + normalization.global().features()
                    + " features, the events carry " + eventSize());
        }
        if (calibration.size() != forecast.outputSize()) {
            throw new IllegalArgumentException("calibration has " + calibration.size() + " values, the network forecasts "
                    + forecast.outputSize() + " (H·D)");
        }
        int symbols = vocabulary == null ? 0 : vocabulary.size();
        if (!transitions.isEmpty() && transitions.symbols() != symbols) {
            throw new IllegalArgumentException("transitions are over " + transitions.symbols() + " symbol indices, the"
                    + " vocabulary has " + symbols);
        }
        if (endSymbol != -1 && (endSymbol < 1 || endSymbol >= symbols)) {
            throw new IllegalArgumentException("end symbol index " + endSymbol + " outside the vocabulary's known"
                    + " symbols [1, " + symbols + ")");
        }
        if (vocabulary == null && forecast.outputDim() > spec.inputSize()) {
            throw new IllegalArgumentException("the network forecasts " + forecast.outputDim() + " values per step but reads "
                    + spec.inputSize() + ": forecast value d must predict input feature d");
        }
    }

    public String name() {
        return name;
    }

    public long version() {
        return version;
    }

    /** The version of the release that carried this model; > {@link #version()} for a rollback release. */
    public long releaseVersion() {
        return releaseVersion;
    }

    /** Whether the release restores an earlier version's weights. */
    public boolean isRollback() {
        return releaseVersion != version;
    }

    /** Whether both have the same architecture, input features and bit-identical weights (so key states carry over). */
    public boolean sameNetworkAs(ServingModel other) {
        return spec().equals(other.spec()) && features.equals(other.features) && head.equals(other.head)
                && java.util.Arrays.equals(network.copyParams(), other.network.copyParams());
    }

    /** The input features: what the network reads from a key's events and how its output becomes forecasts. */
    public FeatureTransform features() {
        return features;
    }

    /** The symbols of a categorical model (features SYMBOLS), whose events carry a symbol; null for a model of values. */
    public Vocabulary vocabulary() {
        return vocabulary;
    }

    /** A model of symbols' transitions seen in its normal sessions ({@link SymbolTransitions#NONE}: none carried). */
    public SymbolTransitions transitions() {
        return transitions;
    }

    /** The index of the symbol the trainer appended to every session, −1 when none. */
    public int endSymbol() {
        return endSymbol;
    }

    /** What the head's outputs mean (the regression head unless the release names another). */
    public HeadSpec head() {
        return head;
    }

    /** Whether the head forecasts its own interval (the quantile head) besides the point forecast. */
    public boolean hasQuantileHead() {
        return quantileHead;
    }

    /**
     * K, the members of a next-symbol ensemble whose distribution is the mean of theirs (the softmax-mixture head);
     * 1 for any other model.
     */
    public int mixtureMembers() {
        return mixtureMembers;
    }

    /**
     * Floats of a key's stored forecast per step: the network's outputDim (the point and bounds of a quantile head),
     * or D, the distribution, of a mixture.
     */
    public int storedForecastDim() {
        return mixtureMembers > 1 ? forecastDim : network.spec().outputDim();
    }

    /** D: values forecast per step (the network's outputDim, or a third of it under the quantile head). */
    public int forecastDim() {
        return forecastDim;
    }

    /** H·D: the point forecasts per event. */
    public int forecastSize() {
        return network.spec().horizon() * forecastDim();
    }

    /** The key's latest events the features read (0: the current event only). */
    public int historySize() {
        return features.historySize();
    }

    /** Values an event must carry (the normalizer's feature count). */
    public int eventSize() {
        return eventSize;
    }

    /** When the trainer produced the release (epoch ms). */
    public long createdAt() {
        return createdAt;
    }

    public Network network() {
        return network;
    }

    public NetworkSpec spec() {
        return network.spec();
    }

    public InputNormalization normalization() {
        return normalization;
    }

    public ResidualCalibration calibration() {
        return calibration;
    }

    public Rollout rollout() {
        return rollout;
    }

    /** The training provenance as released (read-only use), or null when not given. */
    public Provenance provenance() {
        return provenance;
    }

    @Override
    public String toString() {
        return "ServingModel[" + name + "@" + version + (isRollback() ? " (release " + releaseVersion + ")" : "") + ", "
                + network.spec() + (features.equals(VALUES) ? "" : ", " + features.kind()) + ", " + normalization.mode() + "]";
    }
}
