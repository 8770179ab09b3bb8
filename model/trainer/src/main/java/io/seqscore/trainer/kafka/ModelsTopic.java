package io.seqscore.trainer.kafka;

import io.seqscore.avro.ModelRelease;
import io.seqscore.serde.AvroDeserializer;
import io.seqscore.serde.AvroSerializer;
import io.seqscore.trainer.TrainerException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The models topic (compacted, key = model name, value = {@link ModelRelease} in the registry's wire
 * format). Reading takes the whole topic up to its current end; a record that does not decode is logged
 * with its partition and offset and passed over. Publishing uses an idempotent producer with
 * {@code acks=all} and waits for the broker's acknowledgement.
 */
public final class ModelsTopic {
    private static final Logger LOG = LoggerFactory.getLogger(ModelsTopic.class);

    private final KafkaSettings settings;
    private final String topic;

    public ModelsTopic(KafkaSettings settings, String topic) {
        this.settings = settings;
        this.topic = topic;
    }

    public String topic() {
        return topic;
    }

    /** The highest-version release of {@code name} on the topic, if any. */
    public Optional<ModelRelease> latest(String name) {
        ModelRelease[] best = new ModelRelease[1];
        byte[] key = name.getBytes(StandardCharsets.UTF_8);
        try (AvroDeserializer<ModelRelease> deserializer = AvroDeserializer.forClass(ModelRelease.class)) {
            deserializer.configure(settings.common(), false);
            TopicSnapshotReader.readAll(settings, topic, "seqscore-trainer-models", r -> {
                if (r.value() == null || !Arrays.equals(key, r.key())) {
                    return;
                }
                try {
                    ModelRelease release = deserializer.deserialize(topic, r.headers(), r.value());
                    if (best[0] == null || release.getVersion() > best[0].getVersion()) {
                        best[0] = release;
                    }
                } catch (KafkaException e) {
                    LOG.warn("passed over the undecodable release at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(),
                            e.getMessage());
                }
            });
        }
        return Optional.ofNullable(best[0]);
    }

    /** The next version of {@code name}: one more than the highest on the topic, or 1. */
    public long nextVersion(String name) {
        return latest(name).map(r -> r.getVersion() + 1).orElse(1L);
    }

    /**
     * The producer's timeouts for one publish within {@code timeoutMs}, for those not set by the user. The
     * producer refuses delivery.timeout.ms &lt; request.timeout.ms + linger.ms, so delivery is raised to that
     * sum when the requested timeout is shorter (linger 0 unless set: a publish is a single record).
     */
    static Map<String, Object> deliveryTimeouts(Map<String, Object> props, long timeoutMs) {
        long budget = Math.max(timeoutMs, 1000);
        long linger = props.containsKey("linger.ms") ? Long.parseLong(props.get("linger.ms").toString().trim()) : 0L;
        long request = props.containsKey("request.timeout.ms")
                ? Long.parseLong(props.get("request.timeout.ms").toString().trim())
                : Math.min(budget, 30_000);
        Map<String, Object> out = new java.util.HashMap<>();
        out.put("linger.ms", Long.toString(linger));
        out.put("request.timeout.ms", Long.toString(request));
        if (!props.containsKey("delivery.timeout.ms")) {
            out.put("delivery.timeout.ms", Long.toString(Math.max(budget, request + linger)));
        }
        if (!props.containsKey("max.block.ms")) {
            out.put("max.block.ms", Long.toString(budget));
        }
        return out;
    }

    /**
     * Fails at once, in one line, when the broker has no such topic, rather than letting the producer wait
     * {@code max.block.ms} for it to appear.
     *
     * @throws TrainerException when the topic does not exist or the broker does not answer within the time-out
     */
    public void requireExists() {
        Map<String, Object> props = new java.util.HashMap<>();
        settings.common().forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k)) {
                props.put(k, v);
            }
        });
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "seqscore-trainer-topic-check");
        long timeoutMs = settings.timeout().toMillis();
        try (Admin admin = Admin.create(props)) {
            admin.describeTopics(List.of(topic)).allTopicNames().get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new TrainerException("the models topic " + topic + " does not exist on "
                        + settings.bootstrapServers() + ": create it, compacted (seqscore broker --create-topics on a"
                        + " development broker, seqscore run with seqscore.topics.create=true, or kafka-topics.sh"
                        + " --create --topic " + topic + " --config cleanup.policy=compact)", e.getCause());
            }
            throw new TrainerException("cannot look up the models topic " + topic + " on " + settings.bootstrapServers()
                    + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new TrainerException("timed out looking up the models topic " + topic + " on "
                    + settings.bootstrapServers() + " (is the broker running?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrainerException("interrupted while looking up the models topic " + topic, e);
        } catch (KafkaException e) {
            throw new TrainerException("cannot look up the models topic " + topic + ": " + e.getMessage(), e);
        }
    }

    /** Sends the release keyed by its name and waits until the broker has it on every in-sync replica. */
    public RecordMetadata publish(ModelRelease release) {
        Map<String, Object> props = settings.common();
        props.put("client.id", "seqscore-trainer-publisher");
        props.put("enable.idempotence", "true");
        props.put("acks", "all");
        long timeoutMs = settings.timeout().toMillis();
        props.putAll(deliveryTimeouts(props, timeoutMs));
        AvroSerializer<ModelRelease> serializer = new AvroSerializer<>();
        serializer.configure(settings.common(), false);
        try (KafkaProducer<String, ModelRelease> producer = new KafkaProducer<>(props, new StringSerializer(), serializer)) {
            RecordMetadata meta = producer.send(new ProducerRecord<>(topic, release.getName(), release))
                    .get(timeoutMs + 5_000, TimeUnit.MILLISECONDS);
            LOG.info("published {} version {} to {}-{}@{}", release.getName(), release.getVersion(), meta.topic(),
                    meta.partition(), meta.offset());
            return meta;
        } catch (ExecutionException e) {
            throw new TrainerException("could not publish to " + topic + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new TrainerException("timed out publishing to " + topic + " on " + settings.bootstrapServers(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrainerException("interrupted while publishing to " + topic, e);
        } catch (KafkaException e) {
            throw new TrainerException("could not publish to " + topic + ": " + e.getMessage(), e);
        }
    }
}
