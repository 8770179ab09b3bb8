package io.seqscore.trainer.eval;

/** The forecasters compared on validation; their names prefix the release's metric names. */
public enum Forecaster {
    MODEL(""),
    /** The last value: x̂_{q+1+s} = x_q. */
    NAIVE("naive."),
    /** The value one season back: x̂_p = x_{p − m·⌈(p−q)/m⌉}, m the season. */
    SEASONAL_NAIVE("seasonal_naive.");

    private final String prefix;

    Forecaster(String prefix) {
        this.prefix = prefix;
    }

    public String metricPrefix() {
        return prefix;
    }
}
