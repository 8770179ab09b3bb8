package io.seqscore.model.core.anomaly;

import java.util.List;

/**
 * A detector's settings by name: the scorer's {@code seqscore.anomaly.NAME} settings (e.g. "range.margin",
 * "threshold"), which override the release's defaults. A detector reads the names it knows; an unknown name
 * is an {@link IllegalArgumentException}.
 */
public interface DetectorSettings {
    double getDouble(String name);

    int getInt(String name);

    long getLong(String name);

    String getString(String name);

    List<Integer> getIntList(String name);

    /** A boolean setting; by default none is known. */
    default boolean getBoolean(String name) {
        throw new IllegalArgumentException("no boolean detector setting " + name);
    }
}
