package io.seqscore.trainer.rollout;

import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.RolloutMode;

import java.util.Map;
import java.util.TreeMap;

/**
 * The releases of one model name seen on the models topic, by version: which is the candidate (the latest
 * release when it is a CANARY or SHADOW), which FULL release serves beside it, and the highest version (a
 * decision is published one above it).
 */
final class ModelHistory {
    private final String name;
    private final TreeMap<Long, ModelRelease> releases = new TreeMap<>();

    ModelHistory(String name) {
        this.name = name;
    }

    /** Takes a release of this name in; others are ignored. */
    void add(ModelRelease release) {
        if (release != null && name.equals(release.getName())) {
            releases.put(release.getVersion(), release);
        }
    }

    long maxVersion() {
        return releases.isEmpty() ? 0 : releases.lastKey();
    }

    /** The latest release when it is a canary or a shadow, else null. */
    ModelRelease candidate() {
        if (releases.isEmpty()) {
            return null;
        }
        ModelRelease latest = releases.lastEntry().getValue();
        RolloutMode mode = latest.getRollout() == null ? RolloutMode.FULL : latest.getRollout().getMode();
        return mode == RolloutMode.CANARY || mode == RolloutMode.SHADOW ? latest : null;
    }

    /** The latest FULL release below {@code version}: the one a candidate of that version runs beside; null if none. */
    ModelRelease servingBelow(long version) {
        for (Map.Entry<Long, ModelRelease> e : releases.headMap(version, false).descendingMap().entrySet()) {
            ModelRelease r = e.getValue();
            if (r.getRollout() == null || r.getRollout().getMode() == RolloutMode.FULL) {
                return r;
            }
        }
        return null;
    }
}
