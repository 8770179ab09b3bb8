package io.seqscore.trainer.rollout;

import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.RolloutMode;
import io.seqscore.avro.Score;
import io.seqscore.avro.ShadowScore;
import io.seqscore.serde.AvroDeserializer;
import io.seqscore.serde.AvroSerializer;
import io.seqscore.trainer.Releases;
import io.seqscore.trainer.TrainerException;
import io.seqscore.trainer.kafka.KafkaSettings;
import io.seqscore.trainer.release.ReleaseNetwork;
import io.seqscore.trainer.release.RollbackRelease;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Watches one model's rollout and publishes the decision. It reads the models topic (all of it, then as it
 * grows) to know the candidate — the latest release when it is a CANARY or SHADOW — and the FULL release it
 * runs beside; and the scores and shadow-scores topics from its consumer group's offsets. A canary's arms are
 * the Scores naming the candidate's version and those naming the serving version, from the candidate's
 * activation time (or its first score); a shadow's are the two halves of each ShadowScore, the same events.
 * Only comparable Scores count ({@link ArmStats#comparable}). After each counted score the {@link DecisionRule}
 * is asked; a decision is published as a release one version above the topic's latest:
 * Its {@code activateAt} is just after the latest event time of the evidence.
 * <ul>
 *   <li>promote: a FULL release of the candidate's weights restoring the candidate's version
 *       ({@code rollout.rollbackTo} = candidate), so the scorer keeps serving — and scores keep naming — that
 *       version, and canary keys keep their states;</li>
 *   <li>roll back: a FULL release restoring the serving version ({@link RollbackRelease}), which ends the
 *       canary or shadow.</li>
 * </ul>
 * The release, the offsets of every record read so far and the {@link WatchState} (as the offsets' metadata)
 * are committed in one transaction; progress without a decision is committed the same way every
 * {@code commitInterval}. A restart resumes from that commit, so a decision is published once.
 */
public final class RolloutController implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RolloutController.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaSettings kafka;
    private final WatchSettings settings;
    private final RolloutMetrics metrics;
    private final LongSupplier clock;
    private final ModelHistory history;
    private final KafkaConsumer<byte[], byte[]> scores;
    private final KafkaConsumer<byte[], byte[]> models;
    private final KafkaProducer<String, ModelRelease> producer;
    private final AvroDeserializer<Score> scoreSerde = AvroDeserializer.forClass(Score.class);
    private final AvroDeserializer<ShadowScore> shadowSerde = AvroDeserializer.forClass(ShadowScore.class);
    private final AvroDeserializer<ModelRelease> releaseSerde = AvroDeserializer.forClass(ModelRelease.class);
    private final Map<TopicPartition, Long> next = new HashMap<>();
    private final List<TopicPartition> inputs = new ArrayList<>();
    private WatchState state = new WatchState();
    private volatile boolean running = true;
    private long lastCommit;
    private boolean dirty;
    private long versionLookedUp;
    private Runnable beforeCommit = () -> { };

    public RolloutController(KafkaSettings kafka, WatchSettings settings, RolloutMetrics metrics, LongSupplier clock) {
        this.kafka = kafka;
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
        this.history = new ModelHistory(settings.name());
        Map<String, Object> common = kafka.common();
        scoreSerde.configure(common, false);
        shadowSerde.configure(common, false);
        releaseSerde.configure(common, false);

        Map<String, Object> c = kafka.common();
        c.put("group.id", settings.group());
        c.put("client.id", settings.group() + "-scores");
        c.put("enable.auto.commit", "false");
        c.put("isolation.level", "read_committed");
        c.put("auto.offset.reset", "earliest");
        scores = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());

        Map<String, Object> m = kafka.common();
        m.remove("group.id");
        m.put("client.id", settings.group() + "-models");
        m.put("enable.auto.commit", "false");
        m.put("isolation.level", "read_committed");
        m.put("auto.offset.reset", "earliest");
        models = new KafkaConsumer<>(m, new ByteArrayDeserializer(), new ByteArrayDeserializer());

        Map<String, Object> p = kafka.common();
        p.put("client.id", settings.group() + "-decisions");
        p.put("transactional.id", settings.transactionalId());
        p.put("enable.idempotence", "true");
        p.put("acks", "all");
        AvroSerializer<ModelRelease> serializer = new AvroSerializer<>();
        serializer.configure(common, false);
        producer = new KafkaProducer<>(p, new StringSerializer(), serializer);
    }

    /** Test hook: runs inside the decision's transaction, after the release is sent and before the commit. */
    void beforeCommit(Runnable hook) {
        this.beforeCommit = hook;
    }

    /** Runs until {@link #stop()}; throws when a commit fails (the next run resumes from the last commit). */
    public void run() {
        producer.initTransactions();
        assignInputs();
        restore();
        catchUpModels();
        refreshCandidate();
        LOG.info("Watching the rollout of '{}' on {} and {} (group {}): {}", settings.name(), settings.scoresTopic(),
                settings.shadowScoresTopic(), settings.group(), settings.rules());
        lastCommit = clock.getAsLong();
        try {
            while (running) {
                pollModels(Duration.ZERO);
                for (ConsumerRecord<byte[], byte[]> r : scores.poll(POLL)) {
                    next.put(new TopicPartition(r.topic(), r.partition()), r.offset() + 1);
                    metrics.read(1);
                    dirty = true;
                    handle(r);
                }
                metrics.watching(state);
                if (dirty && clock.getAsLong() - lastCommit >= settings.commitInterval().toMillis()) {
                    commit(null);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        }
        if (dirty) {
            commit(null);
        }
    }

    /** Stops {@link #run()} from another thread (it commits its progress first). */
    public void stop() {
        running = false;
        scores.wakeup();
    }

    private void assignInputs() {
        for (String topic : List.of(settings.scoresTopic(), settings.shadowScoresTopic())) {
            inputs.addAll(partitions(scores, topic));
        }
        scores.assign(inputs);
    }

    private List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, kafka.timeout());
        if (infos == null || infos.isEmpty()) {
            throw new TrainerException("topic " + topic + " does not exist");
        }
        List<TopicPartition> out = new ArrayList<>();
        for (PartitionInfo i : infos) {
            out.add(new TopicPartition(topic, i.partition()));
        }
        return out;
    }

    /** The state committed with the group's offsets (the same on every partition), or a fresh one. */
    private void restore() {
        Map<TopicPartition, OffsetAndMetadata> committed = scores.committed(new java.util.HashSet<>(inputs),
                kafka.timeout());
        for (Map.Entry<TopicPartition, OffsetAndMetadata> e : committed.entrySet()) {
            if (e.getValue() != null) {
                next.put(e.getKey(), e.getValue().offset());
                if (!e.getValue().metadata().isEmpty()) {
                    state = WatchState.decode(e.getValue().metadata());
                }
            }
        }
        if (state.candidate != WatchState.NONE) {
            LOG.info("Resumed from the group's offsets: candidate {} {} vs {} (candidate {}; serving {}), last decided {}",
                    state.candidate, state.mode, state.serving, state.candidateArm, state.servingArm,
                    state.decided == WatchState.NONE ? "none" : state.decided);
        }
    }

    private void catchUpModels() {
        List<TopicPartition> parts = partitions(models, settings.modelsTopic());
        models.assign(parts);
        models.seekToBeginning(parts);
        readModelsToEnd();
    }

    /** Reads the models topic up to the end it has now. */
    private void readModelsToEnd() {
        List<TopicPartition> parts = new ArrayList<>(models.assignment());
        Map<TopicPartition, Long> end = models.endOffsets(parts, kafka.timeout());
        long deadline = System.nanoTime() + kafka.timeout().toNanos();
        while (parts.stream().anyMatch(tp -> models.position(tp, kafka.timeout()) < end.get(tp))) {
            if (System.nanoTime() > deadline) {
                throw new TrainerException("timed out reading the models topic " + settings.modelsTopic());
            }
            pollModels(POLL);
        }
    }

    private void pollModels(Duration timeout) {
        boolean any = false;
        for (ConsumerRecord<byte[], byte[]> r : models.poll(timeout)) {
            if (r.value() == null) {
                continue;
            }
            try {
                history.add(releaseSerde.deserialize(r.topic(), r.value()));
                any = true;
            } catch (KafkaException e) {
                LOG.warn("Passed over the undecodable release at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(),
                        e.getMessage());
            }
        }
        if (any) {
            refreshCandidate();
        }
    }

    /** Starts watching the topic's candidate when it is a new one. */
    private void refreshCandidate() {
        ModelRelease candidate = history.candidate();
        if (candidate == null || candidate.getVersion() == state.candidate || candidate.getVersion() <= state.decided) {
            return;
        }
        ModelRelease serving = history.servingBelow(candidate.getVersion());
        long servingVersion = serving == null ? WatchState.NONE : RollbackRelease.restoredVersion(serving);
        RolloutMode mode = candidate.getRollout().getMode();
        Long activateAt = candidate.getRollout().getActivateAt() == null ? null
                : candidate.getRollout().getActivateAt().toEpochMilli();
        state.start(candidate.getVersion(), mode, servingVersion, activateAt);
        dirty = true;
        LOG.info("New candidate: '{}' version {} as {} beside serving version {}{}", settings.name(),
                candidate.getVersion(), mode, servingVersion == WatchState.NONE ? "none" : servingVersion,
                activateAt == null ? "" : ", from event time " + java.time.Instant.ofEpochMilli(activateAt));
    }

    private void handle(ConsumerRecord<byte[], byte[]> r) {
        if (r.value() == null) {
            return;
        }
        boolean counted;
        try {
            if (r.topic().equals(settings.scoresTopic())) {
                Score s = scoreSerde.deserialize(r.topic(), r.value());
                learnVersion(s);
                counted = state.active() && state.mode == RolloutMode.CANARY && canary(s);
            } else {
                ShadowScore ss = shadowSerde.deserialize(r.topic(), r.value());
                learnVersion(ss.getShadow());
                counted = state.active() && state.mode == RolloutMode.SHADOW && shadow(ss);
            }
        } catch (KafkaException e) {
            LOG.debug("Passed over an undecodable record at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(),
                    e.getMessage());
            return;
        }
        if (counted) {
            Decision d = DecisionRule.decide(state.servingArm, state.candidateArm, state.waitedMs(), settings.rules());
            if (d.decided()) {
                publish(d);
            }
        }
    }

    /**
     * A Score of a version the controller has not seen released yet: its release is on the models topic (a scorer
     * only scores with releases it read there), so the topic is read to its end now, once per such version,
     * before the Score is counted.
     */
    private void learnVersion(Score s) {
        if (s == null || s.getModelVersion() == null || !settings.name().equals(s.getModelName())) {
            return;
        }
        long v = s.getModelVersion();
        if (v > history.maxVersion() && v > versionLookedUp) {
            versionLookedUp = v;
            readModelsToEnd();
        }
    }

    /** A Score of a canary rollout; true when it changed an arm. */
    private boolean canary(Score s) {
        if (s == null || !settings.name().equals(s.getModelName()) || s.getModelVersion() == null) {
            return false;
        }
        long t = s.getEventTime().toEpochMilli();
        long v = s.getModelVersion();
        if (v == state.candidate && !state.spanStarted()) {
            state.spanStart = t;
        }
        if (!state.spanStarted() || t < state.spanStart) {
            return false;
        }
        state.latestEventTime = Math.max(state.latestEventTime, t);
        if (!ArmStats.comparable(s)) {
            return false;
        }
        if (v == state.candidate) {
            state.candidateArm.add(s);
            return true;
        }
        if (v == state.serving) {
            state.servingArm.add(s);
            return true;
        }
        return false;
    }

    /** A ShadowScore of a shadow rollout: both halves count when both are comparable; true when they did. */
    private boolean shadow(ShadowScore ss) {
        Score shadow = ss.getShadow();
        Score served = ss.getServing();
        if (shadow == null || !settings.name().equals(shadow.getModelName()) || shadow.getModelVersion() == null
                || shadow.getModelVersion() != state.candidate) {
            return false;
        }
        long t = shadow.getEventTime().toEpochMilli();
        if (!state.spanStarted()) {
            state.spanStart = t;
        }
        if (t < state.spanStart) {
            return false;
        }
        state.latestEventTime = Math.max(state.latestEventTime, t);
        if (!ArmStats.comparable(shadow) || !ArmStats.comparable(served) || served.getModelVersion() == null
                || served.getModelVersion() != state.serving) {
            return false;
        }
        state.candidateArm.add(shadow);
        state.servingArm.add(served);
        return true;
    }

    private void publish(Decision d) {
        ModelRelease candidate = history.candidate();
        ModelRelease serving = history.servingBelow(state.candidate);
        ModelRelease from = d.action() == Decision.Action.PROMOTE ? candidate : serving;
        String what = d.action() == Decision.Action.PROMOTE ? "promote" : "roll back";
        state.decided = state.candidate;
        if (from == null || candidate == null || candidate.getVersion() != state.candidate) {
            LOG.error("Cannot {} '{}' version {}: the models topic holds no {} release to publish from ({}); nothing"
                            + " published", what, settings.name(), state.candidate,
                    d.action() == Decision.Action.PROMOTE ? "candidate" : "serving", d.reason());
            commit(null);
            return;
        }
        ModelRelease release = activatedAfterEvidence(RollbackRelease.of(from, history.maxVersion() + 1,
                clock.getAsLong()));
        ReleaseNetwork.of(release);
        if (settings.signKey() != null) {
            release = Releases.sign(release, settings.signKey(), settings.keyId());
        }
        commit(release);
        metrics.decided(d.action());
        history.add(release);
        LOG.info("Decided to {} '{}' version {} ({} beside serving version {}): {}; published release {} serving"
                        + " version {}", what, settings.name(), state.candidate, state.mode, state.serving, d.reason(),
                release.getVersion(), release.getRollout().getRollbackTo());
    }

    /**
     * The decision applies from just after the latest event time of the evidence: events before it keep the
     * rollout they were scored under wherever they are processed, so which version scores an event does not
     * depend on how far each partition had got when the decision arrived.
     */
    private ModelRelease activatedAfterEvidence(ModelRelease release) {
        if (state.latestEventTime == Long.MIN_VALUE) {
            return release;
        }
        return ModelRelease.newBuilder(release).setRollout(io.seqscore.avro.RolloutDirective
                .newBuilder(release.getRollout()).setActivateAt(java.time.Instant.ofEpochMilli(state.latestEventTime + 1))
                .build()).build();
    }

    /** Commits the offsets read so far with the state, and the release if any, in one transaction. */
    private void commit(ModelRelease release) {
        String metadata = state.encode();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (Map.Entry<TopicPartition, Long> e : next.entrySet()) {
            offsets.put(e.getKey(), new OffsetAndMetadata(e.getValue(), metadata));
        }
        try {
            producer.beginTransaction();
            if (release != null) {
                producer.send(new ProducerRecord<>(settings.modelsTopic(), release.getName(), release));
                beforeCommit.run();
            }
            if (!offsets.isEmpty()) {
                producer.sendOffsetsToTransaction(offsets, new ConsumerGroupMetadata(settings.group()));
            }
            producer.commitTransaction();
        } catch (KafkaException e) {
            throw new TrainerException("could not commit the rollout controller's "
                    + (release == null ? "progress" : "decision") + ": " + e.getMessage(), e);
        }
        metrics.checkpointed();
        metrics.watching(state);
        lastCommit = clock.getAsLong();
        dirty = false;
    }

    @Override
    public void close() {
        scores.close();
        models.close();
        producer.close(Duration.ofSeconds(5));
        scoreSerde.close();
        shadowSerde.close();
        releaseSerde.close();
    }
}
