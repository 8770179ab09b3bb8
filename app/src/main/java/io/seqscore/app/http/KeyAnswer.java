package io.seqscore.app.http;

import io.seqscore.app.state.KeyStateSummary;

/**
 * What {@code GET /api/keys/{key}} answers: the key's latest score and state ({@link KeyStateSummary}:
 * model version, steps seen, last event time, last anomaly score and flag, the forecast made at the last
 * event, …) and where it was read.
 *
 * @param key       the series id
 * @param partition the events partition (and state store task) the key belongs to
 * @param servedBy  {@code host:port} ({@code application.server}) of the instance that read the state
 * @param state     the summary of the key's stored state
 */
public record KeyAnswer(String key, int partition, String servedBy, KeyStateSummary state) {
}
