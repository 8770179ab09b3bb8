package io.seqscore.app.evaluate.nab;

import io.seqscore.trainer.source.RawSeries;

import java.util.Arrays;

/**
 * One NAB data file, rows in file order: timestamps and values as written (for the output, verbatim), and
 * parsed (epoch ms, UTC; the value as a double).
 *
 * @param category the file's directory name, e.g. {@code realTraffic}
 * @param name     the file name without {@code .csv}, e.g. {@code speed_7578}
 */
public record NabSeries(String category, String name, String[] timestampText, String[] valueText, long[] times,
                        double[] values) {

    /** The scorer's key and the model's name: {@code category/name}. */
    public String key() {
        return category + "/" + name;
    }

    public int rows() {
        return times.length;
    }

    /** NAB's probationary period: the first min(⌊0.15 · rows⌋, 750) rows, the only ones a detector may learn from. */
    public int probation() {
        return Math.min((int) Math.floor(0.15 * rows()), 750);
    }

    /** The probationary rows as the trainer reads history: key, one value per row, arrival order. */
    public RawSeries probationRows() {
        int p = probation();
        return new RawSeries(key(), 1, Arrays.copyOf(times, p), Arrays.copyOf(values, p));
    }

    /** The earliest timestamp of the file. */
    public long earliest() {
        long min = Long.MAX_VALUE;
        for (long t : times) {
            min = Math.min(min, t);
        }
        return min;
    }
}
