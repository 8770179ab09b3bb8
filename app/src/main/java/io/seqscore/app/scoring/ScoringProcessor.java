package io.seqscore.app.scoring;

import io.seqscore.app.model.ModelRegistry;
import io.seqscore.app.model.ServingModel;
import io.seqscore.app.state.KeyState;
import io.seqscore.app.state.KeyStateCodec;
import io.seqscore.app.state.StateFormatException;
import io.seqscore.avro.Event;
import io.seqscore.avro.Score;
import io.seqscore.avro.ScoreStatus;
import io.seqscore.serde.SchemaRegistryException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Scores each event of the events topic against its key's recurrent state (the README's "The scorer"
 * section lists the policies and statuses); the per-key math is {@link KeyScorer}'s. One instance per
 * stream task: the key state, the network workspace, the scratch arrays and the Score it forwards are
 * reused for every event, so an event allocates only what deserialization, the state's bytes and the
 * output records need. The forwarded Score is refilled by the next event: downstream nodes must
 * serialize it (as sinks do), not keep it.
 *
 * <p>Per event: validate (null key, undecodable value, no values, NaN/inf, wrong dimension → dead-letter
 * topic or drop); load the key's state (undecodable → dead-letter copy, fresh state); late or duplicate
 * event time → late policy; gap → reset; no model → buffer; state of another model version → re-warm
 * from the buffered inputs; residual of the forecast made at the previous event → anomaly score and
 * flag; one network step → forecast and interval; store the state; forward the Score (and a flagged one
 * to the anomalies topic too). A wall-clock punctuator deletes idle keys.
 */
public final class ScoringProcessor implements Processor<byte[], byte[], Object, Object> {
    private static final Logger LOG = LoggerFactory.getLogger(ScoringProcessor.class);

    private final ScoringSettings settings;
    private final ModelRegistry registry;
    private final ScoringMetrics metrics;
    private final Deserializer<Event> events;
    private final String eventsTopic;
    private final String storeName;
    private final String scoresSink;
    private final String anomaliesSink;
    private final String dlqSink;

    private ProcessorContext<Object, Object> context;
    private KeyValueStore<String, byte[]> store;
    private final KeyState state = new KeyState();
    private final KeyStateCodec codec = new KeyStateCodec();
    private final KeyScorer scorer;
    private final ScoreBuilder score = new ScoreBuilder();
    private final Set<DlqReason> warned = EnumSet.noneOf(DlqReason.class);

    public ScoringProcessor(ScoringSettings settings, ModelRegistry registry, ScoringMetrics metrics,
                            Deserializer<Event> events, String eventsTopic, String storeName, String scoresSink,
                            String anomaliesSink, String dlqSink) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.events = Objects.requireNonNull(events, "events");
        this.eventsTopic = Objects.requireNonNull(eventsTopic, "eventsTopic");
        this.storeName = Objects.requireNonNull(storeName, "storeName");
        this.scoresSink = Objects.requireNonNull(scoresSink, "scoresSink");
        this.anomaliesSink = Objects.requireNonNull(anomaliesSink, "anomaliesSink");
        this.dlqSink = Objects.requireNonNull(dlqSink, "dlqSink");
        this.scorer = new KeyScorer(settings);
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        if (settings.stateTtlMs() > 0) {
            context.schedule(Duration.ofMillis(settings.expiryScanIntervalMs()), PunctuationType.WALL_CLOCK_TIME,
                    this::expireIdleKeys);
        }
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        Event event = validEvent(record);
        if (event == null) {
            return;
        }
        List<Double> values = event.getValues();
        int n = values.size();
        ServingModel model = registry.serving(settings.modelName());
        if (model != null && n != model.spec().inputSize()) {
            deadLetter(record, DlqReason.WRONG_DIMENSION, new EventRejectedException("event has " + n
                    + " values, model " + model.name() + "@" + model.version() + " reads " + model.spec().inputSize()), null);
            return;
        }
        if (model != null) {
            scorer.prepare(model);
        }
        String key = new String(record.key(), StandardCharsets.UTF_8);
        boolean corrupt = !loadState(record, key);
        if (model == null && state.inputSize() != 0 && state.inputSize() != n) {
            deadLetter(record, DlqReason.WRONG_DIMENSION, new EventRejectedException("event has " + n
                    + " values, the key's earlier events had " + state.inputSize()), null);
            return;
        }
        long eventTime = event.getEventTime().toEpochMilli();
        if (state.hasEventTime() && eventTime <= state.lastEventTime()) {
            late(record, key, eventTime, values, model);
            return;
        }
        ScoreStatus status = null;
        if (corrupt) {
            status = ScoreStatus.STATE_RESET;
        } else if (settings.gapResetMs() > 0 && state.hasEventTime()
                && eventTime - state.lastEventTime() > settings.gapResetMs()) {
            state.clearRing();
            state.dropModel();
            status = ScoreStatus.RESET_GAP;
        }
        state.ringCapacity(settings.rewarmCapacity());
        state.inputSize(n);
        state.lastEventTime(eventTime);
        if (model == null) {
            buffer(record, key, eventTime, values);
        } else {
            score(record, key, eventTime, values, model, status);
        }
    }

    /** NO_MODEL: the values join the key's re-warm buffer; the Score says so. */
    private void buffer(Record<byte[], byte[]> record, String key, long eventTime, List<Double> values) {
        state.dropModel();
        state.pushInput(scorer.input());
        state.lastScore(Double.NaN, false);
        save(key);
        score.start(eventTime, values, ScoreStatus.NO_MODEL);
        emit(record, key, false);
    }

    /** Re-warm when the state is another version's, then residual, anomaly score, one step, forecast. */
    private void score(Record<byte[], byte[]> record, String key, long eventTime, List<Double> values,
                       ServingModel model, ScoreStatus reset) {
        ScoreStatus status = reset;
        if (!state.madeBy(model.name(), model.version())) {
            boolean rewarm = state.hasModel() || state.ringCount() > 0;
            scorer.rewarm(state, model, key);
            if (rewarm && status == null) {
                status = ScoreStatus.REWARMED;
            }
        }
        long stepsBefore = state.stepsSeen();
        int warmup = warmup(model);
        if (status == null) {
            status = stepsBefore < warmup ? ScoreStatus.WARMING_UP : ScoreStatus.OK;
        }
        boolean hasExpected = state.hasForecast();
        score.start(eventTime, values, status);
        if (hasExpected) {
            score.expected(state.forecast(), model.spec().outputDim(), scorer);
        }
        long started = System.nanoTime();
        double anomalyScore = scorer.fold(state, model, key);
        metrics.stepNanos(System.nanoTime() - started);
        boolean flagged = hasExpected && stepsBefore >= warmup && anomalyScore >= threshold(model);
        if (hasExpected) {
            score.anomaly(anomalyScore, flagged);
        }
        state.pushInput(scorer.input());
        state.lastScore(anomalyScore, flagged);
        save(key);
        score.model(model, state.stepsSeen()).forecast(model, state.forecast(), scorer);
        emit(record, key, flagged);
    }

    /** The event, or null when the record went to the dead-letter topic or was dropped. */
    private Event validEvent(Record<byte[], byte[]> record) {
        if (record.key() == null) {
            deadLetter(record, DlqReason.NULL_KEY, new EventRejectedException("record has no key (the series id)"), null);
            return null;
        }
        if (record.value() == null) {
            deadLetter(record, DlqReason.MALFORMED, new EventRejectedException("record has no value"), null);
            return null;
        }
        Event event;
        try {
            event = events.deserialize(eventsTopic, record.headers(), record.value());
        } catch (SerializationException e) {
            if (e.getCause() instanceof SchemaRegistryException sre && sre.isTransient()) {
                throw e;
            }
            deadLetter(record, DlqReason.MALFORMED, e, null);
            return null;
        }
        if (event.getValues() == null || event.getValues().isEmpty() || event.getEventTime() == null) {
            deadLetter(record, DlqReason.MALFORMED, new EventRejectedException(event.getEventTime() == null
                    ? "event has no event time" : "event has no values"), null);
            return null;
        }
        int bad = scorer.setInput(event.getValues());
        if (bad >= 0) {
            if (settings.nonFinitePolicy() == NonFinitePolicy.DROP) {
                metrics.dropped(DropReason.NON_FINITE);
            } else {
                deadLetter(record, DlqReason.NON_FINITE, new EventRejectedException("value " + bad + " is "
                        + event.getValues().get(bad)), null);
            }
            return null;
        }
        return event;
    }

    /** Decodes the key's stored state into {@link #state}; false (after a dead letter) when it was undecodable. */
    private boolean loadState(Record<byte[], byte[]> record, String key) {
        byte[] stored = store.get(key);
        if (stored == null) {
            state.clear();
            return true;
        }
        try {
            codec.decode(stored, state);
            return true;
        } catch (StateFormatException e) {
            deadLetter(record, DlqReason.CORRUPT_STATE, e, stored);
            state.clear();
            return false;
        }
    }

    private void late(Record<byte[], byte[]> record, String key, long eventTime, List<Double> values, ServingModel model) {
        switch (settings.latePolicy()) {
            case DROP -> metrics.dropped(DropReason.LATE);
            case DLQ -> deadLetter(record, DlqReason.LATE, new EventRejectedException("event time " + eventTime
                    + " is not after the key's last event time " + state.lastEventTime()), null);
            case SCORE -> {
                score.start(eventTime, values, ScoreStatus.LATE_UNCHANGED);
                boolean flagged = false;
                if (model != null && state.madeBy(model.name(), model.version())) {
                    double anomalyScore = scorer.scoreAgainst(state, model, key);
                    if (state.hasForecast()) {
                        flagged = state.stepsSeen() >= warmup(model) && anomalyScore >= threshold(model);
                        score.expected(state.forecast(), model.spec().outputDim(), scorer).anomaly(anomalyScore, flagged)
                                .forecast(model, state.forecast(), scorer);
                    }
                    score.model(model, 0L);
                }
                emit(record, key, flagged);
            }
        }
    }

    private void emit(Record<byte[], byte[]> record, String key, boolean flagged) {
        Score value = score.score();
        Record<Object, Object> out = new Record<>(key, value, record.timestamp(), record.headers());
        context.forward(out, scoresSink);
        metrics.scored(value.getStatus());
        if (flagged) {
            context.forward(out, anomaliesSink);
            metrics.flagged();
        }
    }

    private void save(String key) {
        state.lastUpdateWallClock(context.currentSystemTimeMs());
        store.put(key, codec.encode(state));
    }

    private void deadLetter(Record<byte[], byte[]> record, DlqReason reason, Throwable cause, byte[] stateBytes) {
        context.forward(DeadLetters.record(record, context.recordMetadata(), reason, cause, stateBytes), dlqSink);
        metrics.deadLettered(reason);
        if (warned.add(reason)) {
            LOG.warn("Dead-lettered an event ({}) at {}: {} (further {} events of this task are logged at debug level)",
                    reason, position(), cause.getMessage(), reason);
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("Dead-lettered an event ({}) at {}: {}", reason, position(), cause.getMessage());
        }
    }

    /** Deletes the keys whose state has not been updated for the TTL (wall clock); tombstones go to the changelog. */
    void expireIdleKeys(long now) {
        List<String> idle = new ArrayList<>();
        int corrupt = 0;
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> entry = it.next();
                try {
                    if (now - codec.lastUpdateWallClock(entry.value) >= settings.stateTtlMs()) {
                        idle.add(entry.key);
                    }
                } catch (StateFormatException e) {
                    idle.add(entry.key);
                    corrupt++;
                }
            }
        }
        for (String key : idle) {
            store.delete(key);
        }
        if (!idle.isEmpty()) {
            metrics.expired(idle.size());
            LOG.debug("Expired {} idle keys ({} with undecodable state)", idle.size(), corrupt);
        }
    }

    private int warmup(ServingModel model) {
        return settings.warmupOverride() >= 0 ? settings.warmupOverride() : model.calibration().warmupSteps();
    }

    private double threshold(ServingModel model) {
        return Double.isNaN(settings.thresholdOverride()) ? model.calibration().threshold() : settings.thresholdOverride();
    }

    private String position() {
        return context.recordMetadata().map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse("?");
    }
}
