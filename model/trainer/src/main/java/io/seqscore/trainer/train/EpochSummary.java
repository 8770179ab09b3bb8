package io.seqscore.trainer.train;

/** One epoch: mean training loss over its batches, validation loss after it, and whether it is the best so far. */
public record EpochSummary(int epoch, int epochs, double trainLoss, double validationLoss, boolean best,
                           long windows, long steps) {
}
