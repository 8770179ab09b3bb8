package io.seqscore.trainer.sessions;

import io.seqscore.model.core.anomaly.SymbolTransitions;
import io.seqscore.model.core.anomaly.ThresholdScope;
import io.seqscore.model.core.features.Vocabulary;

import java.util.List;
import java.util.Objects;

/**
 * How a session's events are flagged offline, as the scorer's next-symbol detector flags them under a release with
 * or without transitions (scope auto):
 * <pre>
 * threshold    an unknown symbol, or the surprisal rule (score ≥ t, or rank &gt; g) on every event
 * transitions  an unknown symbol, or a transition the table lacks (the first event's previous: the start), or the
 *              surprisal rule on the end symbol's events only (every event when there is no end symbol)
 * </pre>
 * The calibration of the transitions rule counts held-out sessions with a transition absent from a table of the
 * training part only among those flagged whatever the threshold ({@link SessionCalibration}).
 *
 * @param name        "threshold" or "transitions"
 * @param transitions the seen transitions ({@link SymbolTransitions#NONE} for the threshold rule)
 * @param endSymbol   the end symbol's index, −1 when none
 */
public record SessionRule(String name, SymbolTransitions transitions, int endSymbol) {
    /** The surprisal rule on every event: the rule of a release without transitions. */
    public static final SessionRule THRESHOLD = new SessionRule("threshold", SymbolTransitions.NONE, -1);

    public SessionRule {
        Objects.requireNonNull(transitions, "transitions");
    }

    /** The transitions rule of this table and end symbol index (−1: none). */
    public static SessionRule transitions(SymbolTransitions transitions, int endSymbol) {
        return new SessionRule("transitions", transitions, endSymbol);
    }

    /**
     * The transitions of sessions (each already with the end symbol, if any) in the vocabulary's indices, the first
     * event of each after the start.
     */
    public static SymbolTransitions table(List<Session> sessions, Vocabulary vocabulary) {
        SymbolTransitions.Builder b = new SymbolTransitions.Builder(vocabulary.size());
        for (Session s : sessions) {
            b.addSession(s.symbols().stream().mapToInt(vocabulary::index).toArray());
        }
        return b.build();
    }

    /** Whether the surprisal rule judges only the end symbol's events. */
    public boolean endOnly() {
        return ThresholdScope.AUTO.endOnly(transitions, endSymbol);
    }

    /** Whether event t's transition is absent from the table (never, without one). */
    public boolean novelAt(SessionTrace trace, int t) {
        if (transitions.isEmpty()) {
            return false;
        }
        int previous = t == 0 ? SymbolTransitions.START : trace.index()[t - 1];
        return !transitions.seen(previous, trace.index()[t]);
    }

    /** Whether any transition of the session is absent from the table. */
    public boolean novel(SessionTrace trace) {
        for (int t = 0; t < trace.events(); t++) {
            if (novelAt(trace, t)) {
                return true;
            }
        }
        return false;
    }

    /** Whether event t is flagged with g (&gt; 0: the rank rule) or the threshold. */
    public boolean flags(SessionTrace trace, int t, int g, double threshold) {
        int y = trace.index()[t];
        if (y == Vocabulary.UNKNOWN || novelAt(trace, t)) {
            return true;
        }
        double score = trace.score()[t];
        if (Double.isNaN(score) || endOnly() && y != endSymbol) {
            return false;
        }
        return g > 0 ? trace.rank()[t] > g : score >= threshold;
    }

    /** The 1-based position of the first flagged event, 0 when none is. */
    public int firstFlag(SessionTrace trace, int g, double threshold) {
        for (int t = 0; t < trace.events(); t++) {
            if (flags(trace, t, g, threshold)) {
                return t + 1;
            }
        }
        return 0;
    }
}
