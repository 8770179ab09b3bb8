package io.seqscore.trainer.rollout;

import io.seqscore.model.core.Require;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What one controller watches and how it commits.
 *
 * @param name            the model name
 * @param group           the consumer group whose offsets (with the state) are the controller's progress
 * @param transactionalId the producer's transactional id: one controller per id (a second one fences the first)
 * @param signKey         Ed25519 private key to sign decisions with, or null (unsigned)
 * @param keyId           the signature's key id, or null (the key file's name)
 * @param commitInterval  how often progress is committed when no decision is published
 */
public record WatchSettings(String name, String scoresTopic, String shadowScoresTopic, String modelsTopic, String group,
                            String transactionalId, RolloutRules rules, Path signKey, String keyId,
                            Duration commitInterval) {
    public WatchSettings {
        Require.nonNull("name scoresTopic shadowScoresTopic modelsTopic group transactionalId rules commitInterval",
                name, scoresTopic, shadowScoresTopic, modelsTopic, group, transactionalId, rules, commitInterval);
    }

    /** The default group and transactional id of a model's controller. */
    public static String defaultId(String name) {
        return "seqscore-rollout-" + name;
    }
}
