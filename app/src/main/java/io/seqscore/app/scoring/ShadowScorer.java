package io.seqscore.app.scoring;

import io.seqscore.app.model.ServingModel;
import io.seqscore.app.state.KeyState;
import io.seqscore.app.state.KeyStateCodec;
import io.seqscore.app.state.StateFormatException;
import io.seqscore.avro.Score;
import io.seqscore.avro.ScoreStatus;
import io.seqscore.avro.ShadowScore;
import io.seqscore.input.DoubleList;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Runs a shadow release beside a key's serving version: the shadow's own per-key state lives in a
 * second store (same encoding as the main state, with no input buffer of its own but the one below) and is in step with
 * the key while it is the shadow version's state after the key's previous event; otherwise (the shadow
 * started, the key's state was reset, or the shadow missed events) it is rebuilt from the inputs buffered
 * in the key's main state, taking over the key's normalizer, exactly as the key's main state would be
 * for that version. A shadow of symbols reads the event's symbol in its own vocabulary, and replays the buffered
 * rows re-indexed into it ({@link RingSymbols}); with the release's transitions in use, its state keeps its own ring
 * of the key's last two rows in its vocabulary (the previous symbol the detector reads, which the main state's ring
 * may not hold: a symbol the serving version does not know is unknown there), seeded by a re-warm with the newest
 * replayed row. Each event then yields a {@link ShadowScore}: the serving Score
 * and the shadow's, forwarded to the shadow-scores sink only. One per {@link ScoringProcessor}; reuses its state,
 * scorer and output records, so the shadow's step allocates nothing beyond the state's bytes and the output record.
 */
final class ShadowScorer {
    private static final Logger LOG = LoggerFactory.getLogger(ShadowScorer.class);
    /** Events a shadow state of symbols keeps when it owns a ring: the previous one and the current one. */
    private static final int OWN_RING = 2;

    private final ScoringSettings settings;
    private final ScoringMetrics metrics;
    private final KeyScorer scorer;
    private final KeyState state = new KeyState();
    private final KeyStateCodec codec = new KeyStateCodec();
    private final ScoreBuilder score;
    private final ShadowScore output = new ShadowScore();
    private final EvidenceRecorder evidence;
    private final RingSymbols symbols;
    /** The event's row under the shadow's features, reused across events. */
    private final DoubleList row = new DoubleList();
    private final String storeName;
    private final String sink;
    private ProcessorContext<Object, Object> context;
    private KeyValueStore<String, byte[]> store;
    private boolean rewarmed;
    private boolean unseen;
    private String symbol;
    private boolean warnedCorrupt;
    /** The newest replayed row, seeding a shadow's own ring after a re-warm. */
    private float[] newest = new float[0];

    ShadowScorer(ScoringSettings settings, ScoringMetrics metrics, RingSymbols symbols, String storeName, String sink) {
        this.settings = settings;
        this.symbols = symbols;
        this.metrics = metrics;
        this.scorer = new KeyScorer(settings);
        this.score = new ScoreBuilder(settings.nextSymbols());
        this.storeName = storeName;
        this.sink = sink;
        this.evidence = metrics.evidenceRecorder();
    }

    void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
    }

    KeyValueStore<String, byte[]> store() {
        return store;
    }

    /**
     * Before the key's main state takes in this event: makes the event's row under the shadow's features (its
     * values, or its symbol's index in the shadow's vocabulary then its values), loads the key's shadow state and
     * rebuilds it when it is not in step.
     *
     * @param main              the key's main state, whose buffer does not yet hold this event
     * @param previousEventTime the key's last event time before this event ({@link KeyState#NO_TIME}: none)
     * @param mainReset         the key's main state was reset for this event (gap, undecodable state)
     * @param symbol            the event's symbol, or null
     * @param values            the event's values as decoded
     */
    void prepare(String key, ServingModel shadow, KeyState main, long previousEventTime, boolean mainReset,
                 String symbol, List<Double> values) {
        List<Double> input = input(shadow, symbol, values);
        load(key);
        rewarmed = false;
        if (mainReset || !state.madeBy(shadow.name(), shadow.version()) || state.lastEventTime() != previousEventTime
                || state.inputSize() != input.size()) {
            boolean history = state.hasModel() || main.ringCount() > 0;
            state.clear();
            state.inputSize(input.size());
            state.copyNormalizerFrom(main);
            KeyState replayed = symbols.replayFor(main, shadow);
            scorer.rewarm(state, replayed, shadow, key);
            rewarmed = history && !mainReset;
            if (ownsRing(shadow) && replayed.ringCount() > 0) {
                if (newest.length < replayed.inputSize()) {
                    newest = new float[replayed.inputSize()];
                }
                replayed.copyRingInput(replayed.ringCount() - 1, newest, 0);
                state.ringCapacity(OWN_RING);
                state.pushInput(replayed.ringTime(replayed.ringCount() - 1), newest);
            }
        }
    }

    /**
     * Whether the shadow's state keeps its own ring: a shadow of symbols whose transitions are in use, whose detector
     * reads the key's previous symbol in the shadow's vocabulary.
     */
    private boolean ownsRing(ServingModel shadow) {
        return settings.transitionsInUse(shadow);
    }

    /** The event's row under the shadow's features, the shadow scorer's current input (reused across events). */
    private List<Double> input(ServingModel shadow, String symbol, List<Double> values) {
        scorer.setInput(values);
        unseen = shadow.features().unseen(symbol);
        this.symbol = symbol;
        return scorer.row(shadow.features(), symbol, row);
    }

    /**
     * Folds the event into the shadow state and forwards the ShadowScore.
     *
     * @param served the Score the serving version gave the event, or null when none served the key
     * @param reset  the status of a reset of the key's main state (RESET_GAP, STATE_RESET), or null
     * @param main   the key's main state, whose ring now holds this event
     */
    void score(Record<byte[], byte[]> record, String key, long eventTime, ServingModel shadow,
               Score served, ScoreStatus reset, KeyState main) {
        long stepsBefore = state.stepsSeen();
        int warmup = settings.warmup(shadow);
        ScoreStatus status = reset != null ? reset : rewarmed ? ScoreStatus.REWARMED
                : unseen ? ScoreStatus.UNSEEN_SYMBOL : stepsBefore < warmup ? ScoreStatus.WARMING_UP : ScoreStatus.OK;
        boolean hasExpected = state.hasForecast();
        score.start(eventTime, row, status).symbol(symbol);
        if (hasExpected) {
            score.expected(shadow, state.forecast(), scorer);
        }
        KeyState events = main;
        if (ownsRing(shadow)) {
            state.ringCapacity(OWN_RING);
            state.pushInput(eventTime, scorer.input());
            events = state;
        }
        double anomalyScore = scorer.fold(state, events, shadow, key);
        boolean flagged = scorer.flagged(anomalyScore, shadow, unseen, hasExpected, stepsBefore >= warmup);
        if (hasExpected || flagged) {
            score.anomaly(anomalyScore, flagged);
        }
        state.lastEventTime(eventTime);
        state.lastScore(anomalyScore, flagged);
        state.lastUpdateWallClock(context.currentSystemTimeMs());
        store.put(key, codec.encode(state));
        score.model(shadow, state.stepsSeen()).forecast(shadow, state.forecast(), scorer);
        emit(record, key, served, status);
    }

    /**
     * A late or duplicate event scored under {@code seqscore.late.policy=score}: the shadow scores it against
     * its state of the key's last event, changing nothing (LATE_UNCHANGED).
     *
     * @param lastEventTime the key's last event time
     */
    void late(Record<byte[], byte[]> record, String key, long eventTime, String symbol, List<Double> values,
              ServingModel shadow, long lastEventTime, Score served, KeyState main) {
        input(shadow, symbol, values);
        load(key);
        score.start(eventTime, row, ScoreStatus.LATE_UNCHANGED).symbol(symbol);
        if (state.madeBy(shadow.name(), shadow.version()) && state.lastEventTime() == lastEventTime) {
            double anomalyScore = scorer.scoreAgainst(state, ownsRing(shadow) ? state : main, shadow, key, eventTime);
            if (state.hasForecast()) {
                boolean flagged = state.stepsSeen() >= settings.warmup(shadow) && scorer.flags(anomalyScore, shadow);
                score.expected(shadow, state.forecast(), scorer).anomaly(anomalyScore, flagged)
                        .forecast(shadow, state.forecast(), scorer);
            }
        }
        score.model(shadow, 0L);
        emit(record, key, served, ScoreStatus.LATE_UNCHANGED);
    }

    private void emit(Record<byte[], byte[]> record, String key, Score served, ScoreStatus status) {
        output.setServing(served);
        output.setShadow(score.score());
        context.forward(new Record<Object, Object>(key, output, record.timestamp(), record.headers()), sink);
        metrics.shadowScored(status);
        evidence.shadowScored(output.getShadow());
    }

    private void load(String key) {
        byte[] stored = store.get(key);
        if (stored == null) {
            state.clear();
            return;
        }
        try {
            codec.decode(stored, state);
        } catch (StateFormatException e) {
            if (!warnedCorrupt) {
                warnedCorrupt = true;
                LOG.warn("Undecodable shadow state of key '{}' ({}): rebuilt from the key's buffered inputs (further"
                        + " cases are not logged)", key, e.getMessage());
            }
            state.clear();
        }
    }
}
