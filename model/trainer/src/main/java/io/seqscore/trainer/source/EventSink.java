package io.seqscore.trainer.source;

/** Where a reader puts each event it reads: a {@link History} for training, a producer for {@code seqscore produce}. */
public interface EventSink {
    /**
     * @throws IllegalArgumentException when the sink refuses the event; the reader reports it as a bad line
     */
    void add(String key, long time, double[] values);

    /**
     * An event that carries a symbol beside its values ({@link CsvFormat#SYMBOLS}).
     *
     * @throws IllegalArgumentException when the sink refuses the event (by default: it takes values only)
     */
    default void add(String key, long time, String symbol, double[] values) {
        throw new IllegalArgumentException("this command reads events of values only, not a symbol (--csv-format"
                + " symbols is read by seqscore-trainer train and seqscore produce)");
    }
}
