package io.seqscore.model.core.anomaly;

/**
 * A key's stored detector state, as the scorer's per-key state holds it: a block of doubles and
 * {@link #COUNTERS} longs whose layout the {@link Detector} owns, and the key's running residual
 * statistics (D floats of mean and variance and a count). A view over the caller's storage, repointed per
 * event; nothing is copied.
 */
public interface DetectorState {
    /** Longs of {@link #counters()}. */
    int COUNTERS = 4;

    /** Whether the block holds a state of {@code size} doubles for n values and D forecast values. */
    boolean hasBlock(int n, int dims, int size);

    /** Makes room for a block of {@code size} doubles for n values and D forecast values; the caller fills it. */
    double[] block(int n, int dims, int size);

    /** The block (valid up to {@link #blockSize()}). */
    double[] doubles();

    int blockSize();

    /** The detector's {@link #COUNTERS} longs. */
    long[] counters();

    /** No block, counters 0. */
    void clearBlock();

    /** The key's running mean of the standardized residuals (D floats). */
    float[] residualMean();

    /** The key's running variance of the standardized residuals (D floats). */
    float[] residualVariance();

    int residualCount();

    void residualCount(int count);
}
