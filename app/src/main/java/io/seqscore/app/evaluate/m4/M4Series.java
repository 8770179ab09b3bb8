package io.seqscore.app.evaluate.m4;

import java.util.Arrays;

/** One M4 series: its id (e.g. H1) and its values in time order. */
public record M4Series(String id, double[] values) {
    public M4Series {
        values = values.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    public int length() {
        return values.length;
    }

    /** The first {@code count} values. */
    public M4Series head(int count) {
        return new M4Series(id, Arrays.copyOf(values, count));
    }

    /** The values from index {@code from} on. */
    public double[] tail(int from) {
        return Arrays.copyOfRange(values, from, values.length);
    }
}
