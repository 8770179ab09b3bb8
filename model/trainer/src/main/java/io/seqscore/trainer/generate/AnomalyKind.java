package io.seqscore.trainer.generate;

import java.util.Locale;

/** What an injected anomaly does to a key's series while it lasts. */
public enum AnomalyKind {
    /** One event off by {@link InjectedAnomaly#magnitude()} (value units, signed). */
    SPIKE,
    /** Every event of the episode off by {@link InjectedAnomaly#magnitude()} (value units, signed). */
    LEVEL_SHIFT,
    /** The noise of every event of the episode multiplied by {@link InjectedAnomaly#magnitude()}. */
    VARIANCE_CHANGE,
    /** Every event of the episode repeats the last value before it ({@link InjectedAnomaly#magnitude()}). */
    FROZEN;

    /** The lower-case, dashed spelling used in files and on the command line: {@code level-shift}. */
    public String spelling() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
