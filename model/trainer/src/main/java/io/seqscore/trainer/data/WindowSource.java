package io.seqscore.trainer.data;

import io.seqscore.model.core.train.Batch;

/**
 * Numbered training windows of one shape that write themselves into a batch row: {@link ChangeWindows} and
 * {@link OffsetWindows}, trained by {@code ChangeTrainer}.
 */
public interface WindowSource {
    int count();

    WindowShape shape();

    /**
     * Writes window w into batch row {@code row}: inputs, targets, the mask (0 everywhere for padding, which then
     * carries no loss and no gradient) and a zero initial state.
     */
    void fill(Batch batch, int row, int w, boolean real);
}
