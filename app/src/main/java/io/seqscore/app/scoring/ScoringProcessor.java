package io.seqscore.app.scoring;

import io.seqscore.app.model.CanarySplit;
import io.seqscore.app.model.ModelRegistry;
import io.seqscore.app.model.RolloutPhase;
import io.seqscore.app.model.RolloutPlan;
import io.seqscore.app.model.ServingModel;
import io.seqscore.app.routing.ModelRouter;
import io.seqscore.app.state.KeyState;
import io.seqscore.app.state.KeyStateCodec;
import io.seqscore.app.state.StateFormatException;
import io.seqscore.avro.Score;
import io.seqscore.model.core.features.FeatureTransform;
import io.seqscore.avro.ScoreStatus;
import io.seqscore.input.DecodedEvent;
import io.seqscore.input.DoubleList;
import io.seqscore.input.EventDecoder;
import io.seqscore.input.InputMappingException;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.serde.SchemaRegistryException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Scores each event of the events topic against its key's recurrent state (docs/scorer.md and docs/scores.md
 * list the policies and statuses); the per-key math is {@link KeyScorer}'s. One instance per
 * stream task: the key state, the network workspace, the scratch arrays and the Score it forwards are
 * reused for every event, so an event allocates only what deserialization, the state's bytes and the
 * output records need. The forwarded Score is refilled by the next event: downstream nodes must
 * serialize it (as sinks do), not keep it.
 *
 * <p>Per event: decode by the input format's {@link EventDecoder} and validate (null key, undecodable value,
 * unmapped field, no values, NaN/inf, wrong dimension → dead-letter topic or drop); pick the model — the
 * {@link ModelRouter} names it, its {@link RolloutPlan}'s phase at the event's time says which version
 * serves the key (the canary's when the key's {@link CanarySplit} bucket falls in it) and whether a shadow
 * runs; the model's features make the event's row ({@link FeatureTransform#row}: its values, or its symbol's
 * index then its values) or name why it does not fit ({@link FeatureTransform#misfit} → dead-letter topic); load
 * the key's state (undecodable → dead-letter copy, fresh state); late or duplicate event time → late policy;
 * gap → reset; no model → buffer; state of another model version → re-warm from the buffered inputs (a model of
 * symbols reads their symbols re-indexed into its vocabulary, {@link RingSymbols}); residual of the forecast made
 * at the previous event → anomaly score and flag; one network step → forecast and interval (with
 * seqscore.forecast.season.selection, the key's season selection counts the event and may change the forecast the
 * Score carries, {@link ForecastSelection}); store the state;
 * forward the Score (and a flagged one to the anomalies topic too); with a shadow, the same for the
 * shadow's own state and a ShadowScore to the shadow-scores topic ({@link ShadowScorer}). A wall-clock
 * punctuator deletes idle keys' states, and the shadow states no running shadow uses.
 */
public final class ScoringProcessor implements Processor<byte[], byte[], Object, Object> {
    private static final Logger LOG = LoggerFactory.getLogger(ScoringProcessor.class);

    private final ScoringSettings settings;
    private final ForecastSelection selection;
    private final ModelRouter router;
    private final ModelRegistry registry;
    private final ScoringMetrics metrics;
    private final EventDecoder events;
    private final String eventsTopic;
    private final ScorerNodes nodes;

    private ProcessorContext<Object, Object> context;
    private KeyValueStore<String, byte[]> store;
    private final KeyState state = new KeyState();
    private final KeyState scanned = new KeyState();
    private final KeyStateCodec codec = new KeyStateCodec();
    private final KeyScorer scorer;
    private final ShadowScorer shadows;
    private final RingSymbols symbols;
    private final EvidenceRecorder evidence;
    private ReplayGuard guard;
    private final Set<ReplayGuard.Outcome> replaysLogged = EnumSet.noneOf(ReplayGuard.Outcome.class);
    private final ScoreBuilder score;
    /** The event's row under the model's features (values, or a symbol's index then values), reused across events. */
    private final DoubleList row = new DoubleList();
    private final Set<DlqReason> warned = EnumSet.noneOf(DlqReason.class);

    public ScoringProcessor(ScoringSettings settings, ModelRouter router, ModelRegistry registry, ScoringMetrics metrics,
                            EventDecoder events, String eventsTopic, ScorerNodes nodes) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.router = Objects.requireNonNull(router, "router");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.events = Objects.requireNonNull(events, "events");
        this.eventsTopic = Objects.requireNonNull(eventsTopic, "eventsTopic");
        this.nodes = Objects.requireNonNull(nodes, "nodes");
        this.scorer = new KeyScorer(settings);
        this.selection = new ForecastSelection(settings.forecast());
        this.score = new ScoreBuilder(settings.nextSymbols());
        this.symbols = new RingSymbols(registry);
        this.shadows = new ShadowScorer(settings, metrics, symbols, nodes.shadowStore(), nodes.shadowSink());
        this.evidence = metrics.evidenceRecorder();
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.store = context.getStateStore(nodes.stateStore());
        shadows.init(context);
        if (nodes.commitEpochStore() != null) {
            guard = new ReplayGuard(codec, context.getStateStore(nodes.commitEpochStore()));
        }
        if (settings.stateTtlMs() > 0) {
            context.schedule(Duration.ofMillis(settings.expiryScanIntervalMs()), PunctuationType.WALL_CLOCK_TIME,
                    this::expireIdleKeys);
        }
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        DecodedEvent event = validEvent(record);
        if (event == null) {
            return;
        }
        List<Double> decoded = event.values();
        List<Double> values = decoded;
        int n = values.size();
        String key = event.key();
        long eventTime = event.eventTime();
        RolloutPlan plan = registry.plan(router.modelFor(key, event.attributes()));
        RolloutPhase phase = plan == null ? RolloutPhase.EMPTY : plan.phaseAt(eventTime);
        ServingModel model = phase.hasCanary() ? phase.modelFor(CanarySplit.bucket(event.keyBytes())) : phase.serving();
        ServingModel shadow = phase.shadow();
        evidence.route(model, phase);
        String symbol = event.symbol();
        boolean unseen = false;
        if (model != null) {
            if (!fits(record, event, model)) {
                return;
            }
            unseen = model.features().unseen(symbol);
            values = scorer.row(model.features(), symbol, row);
            n = values.size();
        } else if (symbol != null) {
            score.start(eventTime, values, ScoreStatus.NO_MODEL).symbol(symbol);
            emit(record, key, false);
            return;
        }
        if (model != null && n != model.eventSize()) {
            deadLetter(record, DlqReason.WRONG_DIMENSION, new EventRejectedException("event has " + n
                    + " values, model " + model.name() + "@" + model.version() + " reads " + model.eventSize()), null);
            return;
        }
        boolean corrupt = !loadState(record, key);
        if (model == null && state.inputSize() != 0 && state.inputSize() != n) {
            deadLetter(record, DlqReason.WRONG_DIMENSION, new EventRejectedException("event has " + n
                    + " values, the key's earlier events had " + state.inputSize()), null);
            return;
        }
        if (shadow != null && !shadowReads(shadow, model, symbol, decoded.size(), n)) {
            metrics.shadowSkipped();
            shadow = null;
        }
        if (state.hasEventTime() && eventTime <= state.lastEventTime()) {
            Score served = late(record, key, eventTime, values, model);
            if (served != null && shadow != null) {
                shadows.late(record, key, eventTime, symbol, decoded, shadow, state.lastEventTime(),
                        model == null ? null : served, state);
            }
            return;
        }
        ScoreStatus reset = null;
        if (corrupt) {
            reset = ScoreStatus.STATE_RESET;
        } else if (settings.gapResetMs() > 0 && state.hasEventTime()
                && eventTime - state.lastEventTime() > settings.gapResetMs()) {
            state.clearRing();
            state.dropModel();
            state.clearDetector();
            reset = ScoreStatus.RESET_GAP;
        }
        long previousEventTime = state.lastEventTime();
        state.ringCapacity(Math.max(settings.ringCapacity(model, shadow), selection.historyEvents(model)));
        state.inputSize(n);
        if (shadow != null) {
            shadows.prepare(key, shadow, state, previousEventTime, reset != null, symbol, decoded);
        }
        state.lastEventTime(eventTime);
        Score served = model == null ? buffer(record, key, eventTime, values)
                : score(record, key, eventTime, values, model, reset, symbol, unseen);
        if (shadow != null) {
            shadows.score(record, key, eventTime, shadow, model == null ? null : served, reset, state);
        }
    }

    /** NO_MODEL: the values join the key's re-warm buffer; the Score says so. */
    private Score buffer(Record<byte[], byte[]> record, String key, long eventTime, List<Double> values) {
        state.dropModel();
        state.pushInput(eventTime, scorer.input());
        state.lastScore(Double.NaN, false);
        save(key);
        score.start(eventTime, values, ScoreStatus.NO_MODEL);
        return emit(record, key, false);
    }

    /**
     * Re-warm when the state is another version's (from the events before this one), then the event joins
     * the ring; residual, anomaly score, one step, forecast.
     */
    private Score score(Record<byte[], byte[]> record, String key, long eventTime, List<Double> values,
                        ServingModel model, ScoreStatus reset, String symbol, boolean unseen) {
        ScoreStatus status = reset;
        if (!state.madeBy(model.name(), model.version()) || !fits(state, model)) {
            boolean rewarm = state.hasModel() || state.ringCount() > 0;
            if (!state.madeBy(model.name(), model.version())) {
                symbols.adopt(state, model);
            }
            scorer.rewarm(state, model, key);
            if (rewarm && status == null) {
                status = ScoreStatus.REWARMED;
            }
        }
        long stepsBefore = state.stepsSeen();
        int warmup = settings.warmup(model);
        if (status == null) {
            status = unseen ? ScoreStatus.UNSEEN_SYMBOL : stepsBefore < warmup ? ScoreStatus.WARMING_UP : ScoreStatus.OK;
        }
        boolean hasExpected = state.hasForecast();
        score.start(eventTime, values, status).symbol(symbol);
        if (hasExpected) {
            score.expected(model, state.forecast(), scorer);
        }
        state.pushInput(eventTime, scorer.input());
        long started = System.nanoTime();
        double anomalyScore = scorer.fold(state, model, key);
        metrics.stepNanos(System.nanoTime() - started);
        boolean flagged = scorer.flagged(anomalyScore, model, unseen, hasExpected, stepsBefore >= warmup);
        if (hasExpected || flagged) {
            score.anomaly(anomalyScore, flagged);
        }
        state.lastScore(anomalyScore, flagged);
        selection.update(state, model);
        float[] forecast = selection.served(state, model);
        save(key);
        score.model(model, state.stepsSeen()).forecast(model, forecast, scorer);
        return emit(record, key, flagged);
    }

    /**
     * Whether the model can score this event: its features take the event's shape ({@link FeatureTransform#misfit});
     * otherwise the event goes to the dead-letter topic (WRONG_DIMENSION) saying why.
     */
    private boolean fits(Record<byte[], byte[]> record, DecodedEvent event, ServingModel model) {
        String problem = model.features().misfit(event.symbol() != null, event.values().size());
        if (problem != null) {
            problem = "event " + problem + " (model " + model.name() + "@" + model.version() + ")";
            deadLetter(record, DlqReason.WRONG_DIMENSION, new EventRejectedException(problem), null);
            return false;
        }
        return true;
    }

    /**
     * Whether a shadow can score the event beside the serving model (null: none serves the key): its features
     * take the event ({@link FeatureTransform#misfit}) and its row is that of the serving model's kind and size,
     * so that it can replay the key's buffered rows (a shadow of symbols re-indexes them, {@link RingSymbols}).
     *
     * @param values the event's values as decoded
     * @param n      the size of the event's row under the serving model (its values when none serves)
     */
    private static boolean shadowReads(ServingModel shadow, ServingModel model, String symbol, int values, int n) {
        return shadow.eventSize() == n && readsSymbols(model) == readsSymbols(shadow)
                && shadow.features().misfit(symbol != null, values) == null;
    }

    /** Whether a model's features read symbols. */
    private static boolean readsSymbols(ServingModel model) {
        return model != null && model.vocabulary() != null;
    }

    /**
     * Whether a state has the shapes of the model it names (recurrent state, feature state, forecast, residual statistics). A stored
     * state that names the serving version but has other shapes (written by a faulty encoder, or corrupted with a
     * matching checksum) is re-warmed like another version's, never stepped.
     */
    private static boolean fits(KeyState s, ServingModel model) {
        NetworkSpec spec = model.spec();
        return s.recurrentSize() == spec.stateSize() && s.featuresSize() == model.features().stateSize()
                && (!s.hasForecast() || (s.horizon() == spec.horizon() && s.outputDim() == model.storedForecastDim()))
                && s.residualDims() == model.forecastDim();
    }

    /** The event, or null when the record went to the dead-letter topic or was dropped. */
    private DecodedEvent validEvent(Record<byte[], byte[]> record) {
        if (record.value() == null) {
            deadLetter(record, record.key() == null ? DlqReason.NULL_KEY : DlqReason.MALFORMED,
                    new EventRejectedException(record.key() == null ? "record has no key (the series id)"
                            : "record has no value"), null);
            return null;
        }
        DecodedEvent event;
        try {
            event = events.decode(eventsTopic, record.headers(), record.key(), record.value(), record.timestamp());
        } catch (SerializationException e) {
            if (e.getCause() instanceof SchemaRegistryException sre && sre.isTransient()) {
                throw e;
            }
            deadLetter(record, DlqReason.MALFORMED, e, null);
            return null;
        } catch (InputMappingException e) {
            deadLetter(record, DlqReason.of(e.problem()), new EventRejectedException(e.getMessage()), null);
            return null;
        }
        int bad = scorer.setInput(event.values());
        if (bad >= 0) {
            if (settings.nonFinitePolicy() == NonFinitePolicy.DROP) {
                metrics.dropped(DropReason.NON_FINITE);
            } else {
                deadLetter(record, DlqReason.NON_FINITE, new EventRejectedException("value " + bad + " is "
                        + event.values().get(bad)), null);
            }
            return null;
        }
        return event;
    }

    /** Decodes the key's stored state into {@link #state}; false (after a dead letter) when it was undecodable. */
    private boolean loadState(Record<byte[], byte[]> record, String key) {
        byte[] stored = store.get(key);
        boolean decoded = true;
        if (stored == null) {
            state.clear();
        } else {
            try {
                codec.decodeLean(stored, state);
            } catch (StateFormatException e) {
                decoded = corruptState(record, e, stored);
            }
        }
        if (guard != null) {
            RecordMetadata at = context.recordMetadata()
                    .orElseThrow(() -> new IllegalStateException("an event without its input position"));
            try {
                ReplayGuard.Outcome outcome = guard.load(state, at.partition(), at.offset());
                if (outcome != ReplayGuard.Outcome.NEW) {
                    replayed(outcome, key);
                }
            } catch (StateFormatException e) {
                decoded = corruptState(record, e, stored);
            }
        }
        return decoded;
    }

    /** Dead-letters the undecodable state with the event and starts the key afresh; false. */
    private boolean corruptState(Record<byte[], byte[]> record, StateFormatException e, byte[] stored) {
        deadLetter(record, DlqReason.CORRUPT_STATE, e, stored);
        state.clear();
        return false;
    }

    private void replayed(ReplayGuard.Outcome outcome, String key) {
        boolean rewound = outcome == ReplayGuard.Outcome.REWOUND;
        metrics.replayed(rewound);
        if (replaysLogged.add(outcome)) {
            if (rewound) {
                LOG.info("Replayed events after a restart at {}: key states ahead of the committed offsets are rewound"
                        + " to their checkpoints and the events scored again (further rewinds of this task at debug"
                        + " level)", position());
            } else {
                LOG.warn("Replayed event at {} is at or before its key's checkpoint: its state cannot be rewound, the"
                        + " late policy applies (further ones of this task at debug level)", position());
            }
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("Replayed event of key {} at {}: {}", key, position(), outcome);
        }
    }

    /** The late policy; returns the LATE_UNCHANGED Score it forwarded, or null (dead letter, drop). */
    private Score late(Record<byte[], byte[]> record, String key, long eventTime, List<Double> values, ServingModel model) {
        switch (settings.latePolicy()) {
            case DROP -> metrics.dropped(DropReason.LATE);
            case DLQ -> deadLetter(record, DlqReason.LATE, new EventRejectedException("event time " + eventTime
                    + " is not after the key's last event time " + state.lastEventTime()), null);
            case SCORE -> {
                score.start(eventTime, values, ScoreStatus.LATE_UNCHANGED);
                boolean flagged = false;
                if (model != null && state.madeBy(model.name(), model.version())) {
                    double anomalyScore = scorer.scoreAgainst(state, state, model, key, eventTime);
                    if (state.hasForecast()) {
                        flagged = state.stepsSeen() >= settings.warmup(model) && scorer.flags(anomalyScore, model);
                        score.expected(model, state.forecast(), scorer).anomaly(anomalyScore, flagged)
                                .forecast(model, selection.served(state, model), scorer);
                    }
                    score.model(model, 0L);
                }
                return emit(record, key, flagged);
            }
        }
        return null;
    }

    private Score emit(Record<byte[], byte[]> record, String key, boolean flagged) {
        Score value = score.score();
        Record<Object, Object> out = new Record<>(key, value, record.timestamp(), record.headers());
        context.forward(out, nodes.scoresSink());
        metrics.scored(value.getStatus());
        evidence.scored(value);
        if (flagged) {
            context.forward(out, nodes.anomaliesSink());
            metrics.flagged();
        }
        return value;
    }

    private void save(String key) {
        state.lastUpdateWallClock(context.currentSystemTimeMs());
        if (guard != null) {
            guard.folded(state);
        }
        byte[] encoded = codec.encode(state);
        store.put(key, encoded);
        metrics.stateStored(encoded.length);
    }

    private void deadLetter(Record<byte[], byte[]> record, DlqReason reason, Throwable cause, byte[] stateBytes) {
        context.forward(DeadLetters.record(record, context.recordMetadata(), reason, cause, stateBytes), nodes.dlqSink());
        metrics.deadLettered(reason);
        if (warned.add(reason)) {
            LOG.warn("Dead-lettered an event ({}) at {}: {} (further {} events of this task are logged at debug level)",
                    reason, position(), cause.getMessage(), reason);
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("Dead-lettered an event ({}) at {}: {}", reason, position(), cause.getMessage());
        }
    }

    /**
     * Deletes the keys whose state has not been updated for the TTL (wall clock), and the shadow states idle
     * as long or of a shadow that no longer runs; the deletes write tombstones to the changelogs.
     */
    void expireIdleKeys(long now) {
        int[] corrupt = new int[1];
        List<String> idle = expired(store, now, false, corrupt);
        for (String key : idle) {
            store.delete(key);
        }
        KeyValueStore<String, byte[]> shadowStore = shadows.store();
        List<String> stale = shadowStore == null ? List.of() : expired(shadowStore, now, true, corrupt);
        for (String key : stale) {
            shadowStore.delete(key);
        }
        if (!idle.isEmpty()) {
            metrics.expired(idle.size());
        }
        if (!idle.isEmpty() || !stale.isEmpty()) {
            LOG.debug("Expired {} idle keys and {} shadow states ({} undecodable)", idle.size(), stale.size(), corrupt[0]);
        }
    }

    /** The keys idle for the TTL or undecodable; with {@code shadow}, also those of a shadow that no longer runs. */
    private List<String> expired(KeyValueStore<String, byte[]> from, long now, boolean shadow, int[] corrupt) {
        List<String> out = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = from.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> entry = it.next();
                try {
                    if (now - codec.lastUpdateWallClock(entry.value) >= settings.stateTtlMs()) {
                        out.add(entry.key);
                    } else if (shadow) {
                        codec.decode(entry.value, scanned);
                        RolloutPlan plan = registry.plan(scanned.modelName());
                        if (plan == null || !plan.runsShadow(scanned.modelVersion())) {
                            out.add(entry.key);
                        }
                    }
                } catch (StateFormatException e) {
                    out.add(entry.key);
                    corrupt[0]++;
                }
            }
        }
        return out;
    }

    private String position() {
        return context.recordMetadata().map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse("?");
    }
}
