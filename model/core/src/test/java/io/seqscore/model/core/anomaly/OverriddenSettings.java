package io.seqscore.model.core.anomaly;

import java.util.List;
import java.util.Map;

/** Detector settings that answer some names with given numbers and every other name as a base does. */
final class OverriddenSettings implements DetectorSettings {
    private final DetectorSettings base;
    private final Map<String, ? extends Number> values;

    private OverriddenSettings(DetectorSettings base, Map<String, ? extends Number> values) {
        this.base = base;
        this.values = Map.copyOf(values);
    }

    /** The adaptive test's settings (step 1, rate 0.01, refractory 12, levels 8 and 32, s_r 64) with these numbers. */
    static DetectorSettings adaptiveWith(Map<String, ? extends Number> values) {
        return new OverriddenSettings(AdaptiveDetectorTest.settings(1, 0.01, 12, List.of(8, 32), 64), values);
    }

    @Override
    public double getDouble(String name) {
        Number v = values.get(name);
        return v == null ? base.getDouble(name) : v.doubleValue();
    }

    @Override
    public int getInt(String name) {
        Number v = values.get(name);
        return v == null ? base.getInt(name) : v.intValue();
    }

    @Override
    public long getLong(String name) {
        return base.getLong(name);
    }

    @Override
    public String getString(String name) {
        return base.getString(name);
    }

    @Override
    public List<Integer> getIntList(String name) {
        return base.getIntList(name);
    }
}
