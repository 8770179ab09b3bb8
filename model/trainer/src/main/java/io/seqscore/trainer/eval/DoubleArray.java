package io.seqscore.trainer.eval;

import java.util.Arrays;

/** A growable array of doubles. */
public final class DoubleArray {
    private double[] values = new double[256];
    private int size;

    public void add(double v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    public int size() {
        return size;
    }

    public double get(int i) {
        if (i >= size) {
            throw new IndexOutOfBoundsException(i + " of " + size);
        }
        return values[i];
    }

    public double[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
