package io.seqscore.model.core.features;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The name and parameters of a feature kind, as a release carries them (ModelRelease's InputFeatures).
 * A kind reads the parameters it needs and requires the others to be 0 or empty; {@link FeatureKinds} turns
 * a record into the kind's {@link FeatureTransform}. The fixed fields are those of the first kinds; kinds
 * added later carry theirs as {@link #named} values and, when categorical, a {@link #vocabulary}.
 *
 * @param kind            the registered kind name, e.g. "SEASONAL_OFFSETS"
 * @param periodMillis    the season (seasonal kinds)
 * @param spacingMillis   the key's typical time between events (seasonal kinds)
 * @param toleranceMillis how far before a looked-up time the event found may lie (seasonal kinds)
 * @param historySize     events of a key the transform reads, the current one included (0: the current event only)
 * @param clip            bound of clipped inputs (seasonal kinds)
 * @param named           further numeric parameters by name, in the order the release lists them (unmodifiable)
 * @param vocabulary      the symbols of a categorical kind in index order (unmodifiable; empty for numeric kinds)
 */
public record FeatureParameters(String kind, long periodMillis, long spacingMillis, long toleranceMillis,
                                int historySize, float clip, Map<String, Double> named, List<String> vocabulary) {
    public FeatureParameters {
        Objects.requireNonNull(kind, "kind");
        named = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(named, "named")));
        vocabulary = List.copyOf(vocabulary);
    }

    /** A kind with only the fixed parameters. */
    public FeatureParameters(String kind, long periodMillis, long spacingMillis, long toleranceMillis,
                             int historySize, float clip) {
        this(kind, periodMillis, spacingMillis, toleranceMillis, historySize, clip, Map.of(), List.of());
    }

    /** A kind without parameters (VALUES). */
    public static FeatureParameters of(String kind) {
        return new FeatureParameters(kind, 0, 0, 0, 0, 0f);
    }

    /** Whether every parameter is 0 or empty (what a kind without parameters requires). */
    public boolean allZero() {
        return periodMillis == 0 && spacingMillis == 0 && toleranceMillis == 0 && historySize == 0
                && Float.floatToRawIntBits(clip) == 0 && named.isEmpty() && vocabulary.isEmpty();
    }

    /** The named parameter {@code name}, if the release gives it. */
    public OptionalDouble value(String name) {
        Double v = named.get(name);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /** The same parameters under a fitted spacing (the trainer fits it on the history). */
    public FeatureParameters withSpacing(long spacing) {
        return new FeatureParameters(kind, periodMillis, spacing, toleranceMillis, historySize, clip, named, vocabulary);
    }
}
