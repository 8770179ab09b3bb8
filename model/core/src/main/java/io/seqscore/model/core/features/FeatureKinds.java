package io.seqscore.model.core.features;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The registry of feature kinds: a kind's name (as a release names it) to the factory of its
 * {@link FeatureTransform}. The built-in kinds are registered here; a new kind is one class and one
 * {@link #register} call. Resolution happens once per release, never per event. Thread-safe.
 */
public final class FeatureKinds {
    private static final Map<String, Function<FeatureParameters, FeatureTransform>> KINDS = new ConcurrentHashMap<>();

    static {
        register(ValuesFeatures.KIND, ValuesFeatures::new);
        register(SeasonalChangesFeatures.KIND, SeasonalChangesFeatures::new);
        register(SeasonalOffsetsFeatures.KIND, SeasonalOffsetsFeatures::new);
        register(EsHybridFeatures.KIND, EsHybridFeatures::new);
        register(SymbolFeatures.KIND, SymbolFeatures::new);
    }

    private FeatureKinds() {
    }

    /** Registers (or replaces) the factory of a kind; the factory validates the parameters. */
    public static void register(String kind, Function<FeatureParameters, FeatureTransform> factory) {
        KINDS.put(kind, factory);
    }

    /** Whether a kind of this name is registered. */
    public static boolean known(String kind) {
        return KINDS.containsKey(kind);
    }

    /** The registered kind names, sorted. */
    public static Set<String> names() {
        return new TreeSet<>(KINDS.keySet());
    }

    /**
     * The transform of {@code parameters.kind()}.
     *
     * @throws IllegalArgumentException for an unknown kind or parameters the kind rejects
     */
    public static FeatureTransform create(FeatureParameters parameters) {
        Function<FeatureParameters, FeatureTransform> factory = KINDS.get(parameters.kind());
        if (factory == null) {
            throw new IllegalArgumentException("unknown feature kind '" + parameters.kind() + "' (known: " + names() + ")");
        }
        return factory.apply(parameters);
    }
}
