package io.seqscore.trainer.train;

/**
 * How the trainer seeds the weights and orders the windows into batches; the same windows, settings and
 * seeds give the same weights bit for bit under either.
 */
public enum Sampling {
    /**
     * One {@link java.util.SplittableRandom}(seed), split once for the initial weights and once for the
     * shuffling: a Fisher–Yates permutation of the windows per epoch from one continuing stream; the last batch
     * of an epoch is shorter.
     */
    PERMUTED,
    /**
     * Initial weights from the seed itself; the window ids shuffled in place each epoch by
     * {@code Collections.shuffle} with one {@code java.util.Random(shuffleSeed)}; the last batch padded with
     * windows from the start of the order at mask 0, so every batch has batchSize rows and the padding carries
     * no loss and no gradient (the seasonal forecasters' recipe: NAB, M4).
     */
    SHUFFLED_PADDED
}
