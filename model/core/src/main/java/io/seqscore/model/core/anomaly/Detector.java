package io.seqscore.model.core.anomaly;

/**
 * The detector seam: how a key's events become anomaly scores in [0, 1] and flags, from the key's own
 * history and the model's forecast. One class per kind, registered by name in {@link Detectors}; the scorer
 * holds one instance per scoring thread (a detector may keep scratch arrays and the last event's result).
 * The detector owns the layout of its per-key state ({@link DetectorState}); nothing is allocated per event.
 *
 * <pre>
 * per event     prepare(state)          the state made fit for this model's n and D (reset when it is not)
 *               score = update(state, event, mode)    mode LIVE: score and absorb
 *               network step → zNext = the scaled step-1 forecast;  forecast(state, zNext)
 *               flagged = flags(score, event)        (after the scorer's warm-up)
 * late event    update(state, event, PEEK)            scored, nothing changes; NaN when the state is not ready
 * re-warm       mode = beginReplay(state);  update(state, event, mode) per replayed event (not scored)
 * </pre>
 */
public interface Detector {
    /** How an event changes the state. */
    enum Mode {
        /** A live event: scored, then absorbed. */
        LIVE,
        /** Scored against the state, which stays as it is (a late event). */
        PEEK,
        /** Absorbed, not scored (re-warming a state that has no detector state). */
        REPLAY,
        /** Absorbed by the model-dependent parts only, not scored (re-warming after a model change). */
        REPLAY_MODEL
    }

    /** The registered name, e.g. "range". */
    String name();

    /** The key's events before the current one the detector reads ({@link DetectorEvent#before}); 0: none. */
    int historySize();

    /**
     * Re-warm begins: the state is reset for the model (the parts that do not depend on it may stay).
     *
     * @return the mode of the replayed events
     */
    Mode beginReplay(DetectorState state, int n, int dims);

    /**
     * One event (see the class comment).
     *
     * @return the score in [0, 1] (LIVE, PEEK), NaN when there is none (no forecast yet, a replay)
     */
    double update(DetectorState state, DetectorEvent event, Mode mode);

    /** Stores the scaled step-1 forecast ẑ (D values) made at this event, when the detector uses it. */
    void forecast(DetectorState state, DetectorEvent event, float[] zNext);

    /** Whether an event with this score (of the last {@link #update}) is flagged, the scorer's warm-up aside. */
    boolean flags(double score, DetectorEvent event);
}
