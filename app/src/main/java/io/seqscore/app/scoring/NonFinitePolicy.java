package io.seqscore.app.scoring;

/** What happens to an event with a NaN or infinite value. */
public enum NonFinitePolicy {
    /** To the dead-letter topic with reason NON_FINITE. */
    DLQ,
    /** Counted in a metric and otherwise ignored. */
    DROP;

    public String configValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static NonFinitePolicy ofConfigValue(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
