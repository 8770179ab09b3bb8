package io.seqscore.trainer.release;

import java.util.SortedMap;

/**
 * What a release says beyond the trained model.
 *
 * @param createdAt       when the trainer produced it (epoch ms)
 * @param source          the history, e.g. {@code topic:events} or {@code csv:data/nab}
 * @param hyperParameters every training setting by name, as given
 */
public record ReleaseOptions(String name, long version, long createdAt, Rollout rollout, String source, long seed,
                             String trainerVersion, SortedMap<String, String> hyperParameters) {
    public ReleaseOptions {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a release needs a model name");
        }
        if (version < 1) {
            throw new IllegalArgumentException("release version must be > 0, got " + version);
        }
    }
}
