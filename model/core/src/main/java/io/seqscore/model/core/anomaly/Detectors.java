package io.seqscore.model.core.anomaly;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The registry of detectors: a name (the scorer's {@code seqscore.anomaly.detector}) to the factory of a
 * {@link Detector}. The built-in ones are registered here; a new detector is one class and one
 * {@link #register} call. Resolved once per scoring thread, never per event. Thread-safe.
 */
public final class Detectors {
    private static final Map<String, Function<DetectorSettings, Detector>> DETECTORS = new ConcurrentHashMap<>();

    static {
        register(CalibratedDetector.NAME, CalibratedDetector::new);
        register(RangeDetector.NAME, RangeDetector::new);
        register(AdaptiveDetector.NAME, AdaptiveDetector::new);
        register(LikelihoodDetector.NAME, LikelihoodDetector::new);
        register(NextSymbolDetector.NAME, NextSymbolDetector::new);
    }

    private Detectors() {
    }

    public static void register(String name, Function<DetectorSettings, Detector> factory) {
        DETECTORS.put(name, factory);
    }

    public static Set<String> names() {
        return new TreeSet<>(DETECTORS.keySet());
    }

    /**
     * A new detector of this name under these settings.
     *
     * @throws IllegalArgumentException for an unknown name or settings the detector rejects
     */
    public static Detector create(String name, DetectorSettings settings) {
        Function<DetectorSettings, Detector> factory = DETECTORS.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("unknown detector '" + name + "' (known: " + names() + ")");
        }
        return factory.apply(settings);
    }
}
