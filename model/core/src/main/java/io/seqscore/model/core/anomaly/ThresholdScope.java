package io.seqscore.model.core.anomaly;

import io.seqscore.model.core.ConfigEnum;

/**
 * Which events of a next-symbol release the surprisal rule (score ≥ threshold, or rank &gt; g) judges, the setting
 * "next-symbol.threshold-scope". An unknown symbol and, with a table, an unseen transition are flagged on every
 * event whatever the scope.
 */
public enum ThresholdScope implements ConfigEnum {
    /** {@link #END} when the release carries transitions (in use) and an end symbol, else {@link #ALL}. */
    AUTO,
    /** Every event. */
    ALL,
    /** Only the events of the release's end symbol (none when it has none). */
    END;

    /** Whether the rule judges the end symbol's events only, for a release with this table (in use) and end index (−1: none). */
    public boolean endOnly(SymbolTransitions transitions, int endSymbol) {
        return switch (this) {
            case ALL -> false;
            case END -> true;
            case AUTO -> !transitions.isEmpty() && endSymbol > 0;
        };
    }
}
