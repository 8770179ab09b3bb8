package io.seqscore.trainer.sessions;

import io.seqscore.model.core.Network;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.model.core.features.Vocabulary;

/**
 * A trained next-symbol model: its vocabulary, architecture (an embedded network, {@link NetworkSpec#embedded})
 * and weights, with the mean cross-entropy of its last training epoch.
 */
public record SessionModel(Vocabulary vocabulary, NetworkSpec spec, float[] params, double trainingLoss) {
    public Network network() {
        return Network.of(spec, params);
    }
}
