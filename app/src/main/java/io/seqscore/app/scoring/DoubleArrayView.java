package io.seqscore.app.scoring;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * A reusable list of doubles over a growable array, for the array fields of the Score the processor
 * refills for every event (the serializer reads it before the next event overwrites it).
 */
final class DoubleArrayView extends AbstractList<Double> implements RandomAccess {
    private double[] values = new double[0];
    private int size;

    /** Empties the list and makes room for {@code n} values, to be set with {@link #put}. */
    DoubleArrayView reset(int n) {
        if (values.length < n) {
            values = new double[n];
        }
        size = n;
        return this;
    }

    void put(int i, double v) {
        values[i] = v;
    }

    /** Value {@code i} unboxed (no bounds check beyond the array's). */
    double at(int i) {
        return values[i];
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
