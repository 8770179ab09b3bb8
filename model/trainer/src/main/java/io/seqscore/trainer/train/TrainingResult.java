package io.seqscore.trainer.train;

import io.seqscore.model.core.NetworkSpec;

import java.util.List;

/**
 * The weights of the best epoch (lowest validation loss) and the history of the run.
 *
 * @param windowsTrained windows run forward and backward over the whole run
 */
public record TrainingResult(NetworkSpec spec, float[] params, int bestEpoch, List<EpochSummary> epochs,
                             long windowsTrained, long stepsTrained) {
    public EpochSummary best() {
        return epochs.get(bestEpoch - 1);
    }
}
