package io.seqscore.model.core.features;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The name and parameters of a feature kind, as a release carries them (ModelRelease's InputFeatures).
 * A kind reads the parameters it needs and requires the others to be 0; {@link FeatureKinds} turns a
 * record into the kind's {@link FeatureTransform}.
 *
 * @param kind            the registered kind name, e.g. "SEASONAL_OFFSETS"
 * @param periodMillis    the season (seasonal kinds)
 * @param spacingMillis   the key's typical time between events (seasonal kinds)
 * @param toleranceMillis how far before a looked-up time the event found may lie (seasonal kinds)
 * @param historySize     events of a key the transform reads, the current one included (0: the current event only)
 * @param clip            bound of clipped inputs (seasonal kinds)
 * @param named           the kind's other parameters by name (ES_HYBRID's periods and smoothing coefficients),
 *                        sorted; empty for the built-in kinds
 */
public record FeatureParameters(String kind, long periodMillis, long spacingMillis, long toleranceMillis,
                                int historySize, float clip, SortedMap<String, Double> named) {
    public FeatureParameters {
        Objects.requireNonNull(kind, "kind");
        named = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(named, "named")));
    }

    /** Parameters without named ones. */
    public FeatureParameters(String kind, long periodMillis, long spacingMillis, long toleranceMillis,
                             int historySize, float clip) {
        this(kind, periodMillis, spacingMillis, toleranceMillis, historySize, clip, new TreeMap<>());
    }

    /** A kind with named parameters only (and a clip). */
    public static FeatureParameters named(String kind, float clip, Map<String, Double> named) {
        return new FeatureParameters(kind, 0, 0, 0, 0, clip, new TreeMap<>(named));
    }

    /** A kind without parameters (VALUES). */
    public static FeatureParameters of(String kind) {
        return new FeatureParameters(kind, 0, 0, 0, 0, 0f);
    }

    /** Whether every numeric parameter is 0 (what a kind without parameters requires). */
    public boolean allZero() {
        return periodMillis == 0 && spacingMillis == 0 && toleranceMillis == 0 && historySize == 0
                && Float.floatToRawIntBits(clip) == 0 && named.isEmpty();
    }

    /** The same parameters under a fitted spacing (the trainer fits it on the history). */
    public FeatureParameters withSpacing(long spacing) {
        return new FeatureParameters(kind, periodMillis, spacing, toleranceMillis, historySize, clip, named);
    }
}
