package io.seqscore.app.dashboard;

import java.util.List;

/**
 * One scored event of a key as the dashboard draws it (first value of the event, d = 0).
 *
 * @param seq      the board's sequence number of this point (increasing over all keys)
 * @param time     event time (epoch ms)
 * @param observed the observed value (of a symbol: its index in the model's vocabulary)
 * @param forecast the forecast made for this event at the key's previous event, or null
 * @param lower    lower bound of that forecast's interval, or null (also when the previous event was scored by
 *                 another model version, whose interval is not this forecast's)
 * @param upper    upper bound, or null like {@code lower}
 * @param score    anomaly score in [0, 1], or null
 * @param anomaly  whether the scorer flagged the event
 * @param version  the model version that scored it, or null (no model)
 * @param status   the score's status, e.g. {@code OK}, {@code WARMING_UP}, {@code REWARMED}
 * @param symbol   the event's symbol, or null (an event of values)
 * @param rank     the symbol's rank in the forecast made at the key's previous event (1 = the most likely), or null
 * @param next     the most likely next symbols after this event, most likely first (empty for values)
 */
public record ScorePoint(long seq, long time, double observed, Double forecast, Double lower, Double upper,
                         Double score, boolean anomaly, Long version, String status, String symbol, Integer rank,
                         List<NextSymbol> next) {

    /** One predicted next symbol: null for the vocabulary's unknown slot. */
    public record NextSymbol(String symbol, double probability) {
    }

    /**
     * The point as the page reads it: {@code [seq, time, observed, forecast, lower, upper, score, anomaly 0/1,
     * version, status, symbol, rank, next]}, next as {@code [[symbol, probability], ...]}.
     */
    Object[] toRow() {
        Object[][] nextRows = new Object[next.size()][];
        for (int i = 0; i < nextRows.length; i++) {
            nextRows[i] = new Object[] {next.get(i).symbol(), next.get(i).probability()};
        }
        return new Object[] {seq, time, observed, forecast, lower, upper, score, anomaly ? 1 : 0, version, status,
                symbol, rank, nextRows};
    }
}
