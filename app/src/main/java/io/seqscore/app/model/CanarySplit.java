package io.seqscore.app.model;

import org.apache.kafka.common.utils.Utils;

/**
 * Which side of a canary a key is on. A key's bucket is {@code toPositive(murmur2(key bytes)) mod 10000}
 * — Kafka's murmur2, the hash its default partitioner uses, over the record key's bytes as they are on
 * the events topic (UTF-8 of the series id) — so it depends on the key alone: the same key is in the same
 * bucket on every instance, in every run and after every restart. A canary of p percent serves the keys
 * whose bucket is below {@code round(100·p)}: raising p only adds keys to the canary, lowering it only
 * returns keys to the serving version. Allocation-free.
 */
public final class CanarySplit {
    /** Buckets keys are hashed into: a canary percentage is honoured to 0.01 points. */
    public static final int BUCKETS = 10_000;

    private CanarySplit() {
    }

    /** The key's bucket in [0, {@link #BUCKETS}). */
    public static int bucket(byte[] key) {
        return Utils.toPositive(Utils.murmur2(key)) % BUCKETS;
    }

    /** Buckets a canary of {@code percent} (0 to 100) takes: those below the returned number. */
    public static int buckets(double percent) {
        return (int) Math.round(percent * (BUCKETS / 100.0));
    }
}
