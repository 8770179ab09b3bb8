package io.seqscore.app.config;

import org.apache.kafka.streams.StreamsConfig;

import java.util.Map;

/**
 * The size of Kafka Streams' record cache for the scorer. Kafka Streams divides {@code statestore.cache.max.bytes}
 * evenly between the stream threads and, when the topology has a global store, the global thread. The scorer's
 * global store (the models) does not cache, so that share would sit unused while each stream thread got half of
 * what the same setting gives a topology without a global store, and a key-state store of twice that size missed
 * the cache on every event (keys that come round in turn evict each other before they come back). Unless the
 * user sets the cache size, the scorer therefore asks for (stream threads + 1) × Kafka's default, so that each
 * stream thread gets Kafka's default; a size the user sets is used as given.
 */
public final class RecordCacheSize {
    /** Kafka Streams' default {@code statestore.cache.max.bytes}: 10 MiB. */
    public static final long KAFKA_DEFAULT = 10L * 1024 * 1024;

    private RecordCacheSize() {
    }

    /** Whether {@code props} set the cache size, by its name or by the deprecated one. */
    static boolean isSet(Map<?, ?> props) {
        return props.get(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG) != null
                || props.get(deprecatedName()) != null;
    }

    /** The total the scorer asks for when the user sets none: Kafka's default per stream thread. */
    static long scorerDefault(int streamThreads) {
        return KAFKA_DEFAULT * (streamThreads + 1);
    }

    /**
     * The cache of each stream thread of a topology with a global store, under Kafka Streams' properties
     * {@code props} (as {@link SeqscoreConfig#streamsProperties()} gives them).
     */
    public static long perStreamThread(Map<?, ?> props) {
        return total(props) / (streamThreads(props) + 1);
    }

    /** {@code statestore.cache.max.bytes} of {@code props} (or the deprecated setting, or Kafka's default). */
    public static long total(Map<?, ?> props) {
        Object v = props.get(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG);
        if (v == null) {
            v = props.get(deprecatedName());
        }
        return v == null ? KAFKA_DEFAULT : Long.parseLong(v.toString().trim());
    }

    /** {@code num.stream.threads} of {@code props} (Kafka's default 1). */
    public static int streamThreads(Map<?, ?> props) {
        Object v = props.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG);
        return v == null ? 1 : Integer.parseInt(v.toString().trim());
    }

    @SuppressWarnings("deprecation")
    private static String deprecatedName() {
        return StreamsConfig.CACHE_MAX_BYTES_BUFFERING_CONFIG;
    }
}
