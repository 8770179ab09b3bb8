package io.seqscore.input;

import java.util.AbstractList;
import java.util.RandomAccess;

/** A reusable list of doubles over a growable array: what a decoder fills for every record. */
final class DoubleList extends AbstractList<Double> implements RandomAccess {
    private double[] values = new double[8];
    private int size;

    void reset() {
        size = 0;
    }

    void add(double v) {
        if (size == values.length) {
            values = java.util.Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    /** Appends {@code other}'s values. */
    void addAll(DoubleList other) {
        for (int i = 0; i < other.size; i++) {
            add(other.values[i]);
        }
    }

    double getDouble(int index) {
        return values[index];
    }

    @Override
    public Double get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " of " + size);
        }
        return values[index];
    }

    @Override
    public int size() {
        return size;
    }
}
