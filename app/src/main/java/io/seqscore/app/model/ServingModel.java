package io.seqscore.app.model;

import io.seqscore.model.core.anomaly.ResidualCalibration;
import io.seqscore.avro.Provenance;
import io.seqscore.model.core.Network;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.model.core.features.SeasonalChanges;

import java.util.Objects;

/**
 * A validated release ready to score: its network (immutable, shared by every stream thread), input
 * normalization, residual calibration and rollout directive, under its model name and version.
 * Built once per release by {@link ModelReleaseDecoder}; immutable.
 *
 * <p>{@link #version()} is the version whose weights these are, the one scores and key states name;
 * {@link #releaseVersion()} is the version of the release that carried them. The two differ only for a
 * rollback release, which carries the weights of the earlier version it restores.
 *
 * <p>Input features: VALUES (the network reads an event's n scaled values; {@link #seasonalChanges()} is
 * null) or SEASONAL_CHANGES (events carry one value; the network reads the 4 inputs of
 * {@link SeasonalChanges} over the key's last {@link #historySize()} events and forecasts changes of the
 * scaled value) or SEASONAL_OFFSETS (the same inputs; {@link #seasonalOffsets()}: the head forecasts offsets
 * of the scaled value from each step's seasonal anchor, {@link SeasonalChanges#anchor}). {@link #eventSize()} is the number of values an event must carry, and the normalizer's.
 */
public final class ServingModel {
    private final String name;
    private final long version;
    private final long releaseVersion;
    private final long createdAt;
    private final Network network;
    private final SeasonalChanges seasonal;
    private final boolean offsets;
    private final int historySize;
    private final InputNormalization normalization;
    private final ResidualCalibration calibration;
    private final Rollout rollout;
    private final Provenance provenance;

    public ServingModel(String name, long version, long createdAt, Network network, InputNormalization normalization,
                        ResidualCalibration calibration, Rollout rollout, Provenance provenance) {
        this(name, version, version, createdAt, network, normalization, calibration, rollout, provenance);
    }

    /** @param releaseVersion the release's own version: {@code version} itself, or a later one for a rollback */
    public ServingModel(String name, long version, long releaseVersion, long createdAt, Network network,
                        InputNormalization normalization, ResidualCalibration calibration, Rollout rollout,
                        Provenance provenance) {
        this(name, version, releaseVersion, createdAt, network, null, 0, normalization, calibration, rollout, provenance);
    }

    /**
     * @param seasonal    the SEASONAL_CHANGES inputs, or null for VALUES
     * @param historySize with SEASONAL_CHANGES, the events the look-back searches (≥ 1); 0 with VALUES
     */
    public ServingModel(String name, long version, long releaseVersion, long createdAt, Network network,
                        SeasonalChanges seasonal, int historySize, InputNormalization normalization,
                        ResidualCalibration calibration, Rollout rollout, Provenance provenance) {
        this(name, version, releaseVersion, createdAt, network, seasonal, false, historySize, normalization,
                calibration, rollout, provenance);
    }

    /**
     * @param seasonal    the seasonal inputs, or null for VALUES
     * @param offsets     SEASONAL_OFFSETS (the head forecasts offsets from the seasonal anchors) rather than
     *                    SEASONAL_CHANGES; needs {@code seasonal}
     * @param historySize with seasonal inputs, the events the look-back searches (≥ 1); 0 with VALUES
     */
    public ServingModel(String name, long version, long releaseVersion, long createdAt, Network network,
                        SeasonalChanges seasonal, boolean offsets, int historySize, InputNormalization normalization,
                        ResidualCalibration calibration, Rollout rollout, Provenance provenance) {
        this.name = Objects.requireNonNull(name, "name");
        this.version = version;
        this.releaseVersion = releaseVersion;
        this.createdAt = createdAt;
        this.network = Objects.requireNonNull(network, "network");
        this.seasonal = seasonal;
        this.offsets = offsets;
        this.historySize = historySize;
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
        if (seasonal != null && (spec.inputSize() != SeasonalChanges.INPUTS || spec.outputDim() != 1 || historySize < 1)) {
            throw new IllegalArgumentException("SEASONAL_CHANGES need a network of " + SeasonalChanges.INPUTS
                    + " inputs and 1 output value, and a history of at least 1 event; got " + spec + ", " + historySize);
        }
        if (seasonal == null && offsets) {
            throw new IllegalArgumentException("SEASONAL_OFFSETS need the seasonal inputs");
        }
        if (seasonal == null && historySize != 0) {
            throw new IllegalArgumentException("a history size belongs to SEASONAL_CHANGES, got " + historySize);
        }
        if (normalization.global().features() != eventSize()) {
            throw new IllegalArgumentException("normalizer has " + normalization.global().features()
                    + " features, the events carry " + eventSize());
        }
        if (calibration.size() != spec.outputSize()) {
            throw new IllegalArgumentException("calibration has " + calibration.size() + " values, the network forecasts "
                    + spec.outputSize() + " (H·D)");
        }
        if (spec.outputDim() > spec.inputSize()) {
            throw new IllegalArgumentException("the network forecasts " + spec.outputDim() + " values per step but reads "
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
        return spec().equals(other.spec()) && sameFeatures(other)
                && java.util.Arrays.equals(network.copyParams(), other.network.copyParams());
    }

    private boolean sameFeatures(ServingModel other) {
        if (seasonal == null || other.seasonal == null) {
            return seasonal == other.seasonal;
        }
        return offsets == other.offsets && historySize == other.historySize && seasonal.period() == other.seasonal.period()
                && seasonal.spacing() == other.seasonal.spacing() && seasonal.tolerance() == other.seasonal.tolerance()
                && Float.floatToIntBits(seasonal.clip()) == Float.floatToIntBits(other.seasonal.clip());
    }

    /** The SEASONAL_CHANGES inputs, or null when the network reads the events' values (VALUES). */
    public SeasonalChanges seasonalChanges() {
        return seasonal;
    }

    /** Whether the head forecasts offsets from the seasonal anchors (SEASONAL_OFFSETS); false otherwise. */
    public boolean seasonalOffsets() {
        return offsets;
    }

    /** With SEASONAL_CHANGES, the key's latest events the look-back searches; 0 with VALUES. */
    public int historySize() {
        return historySize;
    }

    /** Values an event must carry: the network's input size with VALUES, 1 with SEASONAL_CHANGES. */
    public int eventSize() {
        return seasonal == null ? network.spec().inputSize() : 1;
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
                + network.spec() + (seasonal == null ? "" : offsets ? ", SEASONAL_OFFSETS" : ", SEASONAL_CHANGES") + ", " + normalization.mode() + "]";
    }
}
