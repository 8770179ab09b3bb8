package io.seqscore.app.evidence;

import java.util.Locale;

/** The part a model version plays for the events it scores: the serving version, a canary, or a shadow. */
public enum ModelRole {
    SERVING, CANARY, SHADOW;

    /** The label value on metrics and in the HTTP API: serving, canary, shadow. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
