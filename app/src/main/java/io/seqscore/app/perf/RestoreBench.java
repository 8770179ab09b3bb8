package io.seqscore.app.perf;

import io.seqscore.app.pipeline.PipelineCluster;
import io.seqscore.app.topology.ScorerTopology;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.StateRestoreListener;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The restore of a large key-state store: the changelog of a scorer application is filled with
 * {@code keys} copies of a real key state under distinct keys (as if that many keys had been scored; scoring
 * them all would take far longer than restoring them), then the scorer starts with an empty state
 * directory — as after the directory is wiped — and restores the store from the changelog before it
 * processes anything. Measured: from the first partition's restore start to the last one's end, and from
 * {@code start()} to RUNNING.
 */
final class RestoreBench {
    /** {@code restored} records in {@code restoreNanos}; {@code runningNanos} from start() to RUNNING. */
    record Result(long keys, int valueBytes, long restored, long restoreNanos, long runningNanos, long writeNanos) {
        double keysPerSecond() {
            return restored * 1e9 / restoreNanos;
        }

        double megabytesPerSecond() {
            return restored * (double) valueBytes / 1e6 * 1e9 / restoreNanos;
        }
    }

    private final PipelineCluster cluster;

    RestoreBench(PipelineCluster cluster) {
        this.cluster = cluster;
    }

    /**
     * @param topology builds the scorer's topology for the given events topic (an empty one of its own)
     */
    Result run(String applicationId, Properties props, Function<String, Topology> topology, String eventsTopic,
               int partitions, long keys, byte[] value, Duration timeout) throws InterruptedException {
        cluster.ensureTopic(eventsTopic, partitions, PerfRun.APPEND_TIME);
        String changelog = applicationId + "-" + ScorerTopology.STATE_STORE + "-changelog";
        cluster.ensureTopic(changelog, partitions, Map.of("cleanup.policy", "compact"));
        long writeStart = System.nanoTime();
        write(changelog, keys, value);
        long writeNanos = System.nanoTime() - writeStart;

        AtomicLong firstStart = new AtomicLong(Long.MAX_VALUE);
        AtomicLong lastEnd = new AtomicLong();
        AtomicLong restored = new AtomicLong();
        AtomicLong ended = new AtomicLong();
        StateRestoreListener listener = new StateRestoreListener() {
            @Override
            public void onRestoreStart(TopicPartition tp, String store, long startOffset, long endOffset) {
                if (ScorerTopology.STATE_STORE.equals(store)) {
                    firstStart.accumulateAndGet(System.nanoTime(), Math::min);
                }
            }

            @Override
            public void onBatchRestored(TopicPartition tp, String store, long batchEndOffset, long numRestored) {
            }

            @Override
            public void onRestoreEnd(TopicPartition tp, String store, long totalRestored) {
                if (ScorerTopology.STATE_STORE.equals(store)) {
                    restored.addAndGet(totalRestored);
                    lastEnd.accumulateAndGet(System.nanoTime(), Math::max);
                    ended.incrementAndGet();
                }
            }
        };
        AtomicReference<KafkaStreams.State> state = new AtomicReference<>();
        try (StreamsApp app = StreamsApp.create(cluster, applicationId, topology.apply(eventsTopic), props)
                .restoreListener(listener)) {
            app.streams().setStateListener((now, before) -> state.set(now));
            long start = System.nanoTime();
            app.start();
            long deadline = start + timeout.toNanos();
            while (!(state.get() == KafkaStreams.State.RUNNING && ended.get() >= partitions)) {
                KafkaStreams.State s = state.get();
                if (s == KafkaStreams.State.ERROR || s == KafkaStreams.State.PENDING_ERROR
                    || s == KafkaStreams.State.NOT_RUNNING) {
                    throw new IllegalStateException("the restoring scorer stopped in state " + s);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("restored " + restored.get() + " of " + keys + " keys ("
                            + ended.get() + " of " + partitions + " partitions) before the time-out");
                }
                Thread.sleep(5);
            }
            long running = System.nanoTime() - start;
            return new Result(keys, value.length, restored.get(), lastEnd.get() - firstStart.get(), running, writeNanos);
        } finally {
            cluster.deleteTopics(eventsTopic);
        }
    }

    private void write(String topic, long keys, byte[] value) {
        Map<String, Object> props = new HashMap<>(cluster.clientProperties());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "seqscore-perf-changelog-writer");
        // a bulk load of identical values: a retried duplicate changes nothing, while an idempotent producer whose
        // requests time out on a busy machine can end up resending old sequence numbers for ever
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        props.put(ProducerConfig.ACKS_CONFIG, "1");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "120000");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "600000");
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            for (long k = 0; k < keys; k++) {
                producer.send(new ProducerRecord<>(topic, "restore-key-" + k, value), (meta, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                });
                if (failure.get() != null) {
                    break;
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new KafkaException("could not write the changelog " + topic + ": " + failure.get().getMessage(),
                    failure.get());
        }
    }
}
