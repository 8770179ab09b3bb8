package io.seqscore.trainer.train;

/** Receives the progress of a run; the trainer calls it from its own thread. */
public interface TrainingProgress {
    /** After each batch: its loss, how many of the epoch's batches are done, windows trained so far in the run. */
    void batch(int epoch, int epochs, int done, int batches, double loss, long windows);

    /** After each epoch's validation. */
    void epoch(EpochSummary summary);

    TrainingProgress NONE = new TrainingProgress() {
        @Override
        public void batch(int epoch, int epochs, int done, int batches, double loss, long windows) {
        }

        @Override
        public void epoch(EpochSummary summary) {
        }
    };
}
