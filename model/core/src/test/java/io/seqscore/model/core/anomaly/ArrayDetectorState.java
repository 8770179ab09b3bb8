package io.seqscore.model.core.anomaly;

import java.util.Arrays;

/** A key's detector state in plain arrays, as the scorer's state part holds it. */
final class ArrayDetectorState implements DetectorState {
    double[] block = new double[0];
    int size = -1;
    final long[] counters = new long[COUNTERS];
    final float[] mean = new float[1];
    final float[] variance = new float[1];
    int count;

    @Override
    public boolean hasBlock(int n, int dims, int size) {
        return this.size == size;
    }

    @Override
    public double[] block(int n, int dims, int size) {
        if (block.length < size) {
            block = new double[size];
        }
        this.size = size;
        return block;
    }

    @Override
    public double[] doubles() {
        return block;
    }

    @Override
    public int blockSize() {
        return Math.max(size, 0);
    }

    @Override
    public long[] counters() {
        return counters;
    }

    @Override
    public void clearBlock() {
        size = -1;
        Arrays.fill(counters, 0);
    }

    @Override
    public float[] residualMean() {
        return mean;
    }

    @Override
    public float[] residualVariance() {
        return variance;
    }

    @Override
    public int residualCount() {
        return count;
    }

    @Override
    public void residualCount(int c) {
        count = c;
    }
}
