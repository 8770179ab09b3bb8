package io.seqscore.trainer.data;

import java.util.List;

/**
 * The prepared history: series of the kept keys in key order, the fitted normalization, and counts for
 * the log and the release's provenance.
 *
 * @param events      events kept (training and validation)
 * @param duplicates  events dropped because their key already had an event at that time
 * @param droppedKeys keys left out (PER_KEY: no training event to fit their statistics on)
 * @param dataFrom    earliest event time kept (epoch ms)
 * @param dataTo      latest event time kept (epoch ms)
 */
public record Dataset(List<PreparedSeries> series, FittedNormalization normalization, int dimension, long events,
                      long trainingEvents, long validationEvents, long duplicates, int droppedKeys,
                      long dataFrom, long dataTo) {
}
