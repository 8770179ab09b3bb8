package io.seqscore.input;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * A reusable list of doubles over a growable array: what a decoder fills for every record, and the array fields of
 * the Score the scorer refills for every event (the serializer reads it before the next event overwrites it). It
 * allocates only when it grows.
 */
public final class DoubleList extends AbstractList<Double> implements RandomAccess {
    private double[] values = new double[8];
    private int size;

    /** Empties the list. */
    public void reset() {
        size = 0;
    }

    /** Makes the list {@code n} values long, to be set with {@link #put}. */
    public DoubleList reset(int n) {
        if (values.length < n) {
            values = new double[n];
        }
        size = n;
        return this;
    }

    public void put(int index, double v) {
        values[index] = v;
    }

    public void add(double v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    /** Appends {@code other}'s values. */
    public void addAll(DoubleList other) {
        for (int i = 0; i < other.size; i++) {
            add(other.values[i]);
        }
    }

    /** Value {@code index} unboxed (no bounds check beyond the array's). */
    public double getDouble(int index) {
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
