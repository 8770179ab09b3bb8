package io.seqscore.trainer.source;

/** Where a reader puts each event it reads: a {@link History} for training, a producer for {@code seqscore produce}. */
public interface EventSink {
    /**
     * @throws IllegalArgumentException when the sink refuses the event; the reader reports it as a bad line
     */
    void add(String key, long time, double[] values);
}
