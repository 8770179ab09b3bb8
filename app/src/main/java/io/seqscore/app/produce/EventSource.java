package io.seqscore.app.produce;

/** Events read from files, one kind of file per implementation; bad lines are handled by its BadInputPolicy. */
public interface EventSource {
    /**
     * Reads every event into {@code consumer}, in file order.
     *
     * @return the number of data lines read (good or bad)
     * @throws io.seqscore.trainer.source.InputFormatException on a bad line under {@code FAIL}, as {@code file:line: reason}
     * @throws io.seqscore.trainer.TrainerException            when a file cannot be read
     */
    long readInto(EventConsumer consumer);

    /** Bad lines skipped (under {@code SKIP}). */
    long skipped();
}
