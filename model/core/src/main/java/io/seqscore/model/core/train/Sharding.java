package io.seqscore.model.core.train;

/**
 * How a {@link TrainingStep} splits a batch: into {@code shards} contiguous groups of rows, each with its
 * own gradient buffer, run on up to {@code threads} threads and summed in shard order. The result depends
 * on the number of shards (the order of the floating-point sums) but never on the number of threads.
 */
public record Sharding(int shards, int threads) {
    public Sharding {
        if (shards < 1 || threads < 1 || threads > shards) {
            throw new IllegalArgumentException("need 1 <= threads <= shards, got shards=" + shards + " threads=" + threads);
        }
    }

    /** One shard on the calling thread. */
    public static Sharding serial() {
        return new Sharding(1, 1);
    }
}
