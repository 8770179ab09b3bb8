package io.seqscore.app.metrics;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.streams.KafkaStreams;

import java.util.Objects;

/**
 * The scorer's Prometheus registry: seqscore's meters ({@link SeqscoreMeters}), the Kafka Streams
 * client's own metrics (Micrometer's {@link KafkaStreamsMetrics}) and the JVM's.
 */
public final class ServiceMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final SeqscoreMeters seqscore;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private KafkaStreamsMetrics kafkaStreams;
    private boolean closed;

    public ServiceMetrics(SeqscoreMeters seqscore) {
        this.seqscore = Objects.requireNonNull(seqscore, "seqscore");
        seqscore.bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** Adds the metrics of a Kafka Streams client (once; after {@link #close()}, nothing). */
    public synchronized void bind(KafkaStreams streams) {
        if (closed) {
            return;
        }
        if (kafkaStreams != null) {
            throw new IllegalStateException("a Kafka Streams client is already bound");
        }
        kafkaStreams = new KafkaStreamsMetrics(streams);
        kafkaStreams.bindTo(registry);
    }

    /** Every meter in the Prometheus text format (0.0.4). */
    public String scrape() {
        seqscore.refresh();
        return registry.scrape();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (kafkaStreams != null) {
            kafkaStreams.close();
        }
        gc.close();
        registry.close();
    }
}
