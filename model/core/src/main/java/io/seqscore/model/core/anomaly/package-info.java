/**
 * Streaming anomaly detectors over a key's state in caller-owned flat arrays: {@link
 * io.seqscore.model.core.anomaly.RangeNovelty}, the range-novelty score of a key's values, levels,
 * forecast residuals and seasonal differences. Allocation-free per event.
 */
package io.seqscore.model.core.anomaly;
