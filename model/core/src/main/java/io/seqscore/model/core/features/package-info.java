/**
 * The input-feature seam: {@link io.seqscore.model.core.features.FeatureTransform} (what the network reads
 * from a key's events and how its output becomes forecasts, the same floats in the trainer and the scorer),
 * resolved by name in {@link io.seqscore.model.core.features.FeatureKinds}. Built in: VALUES, SEASONAL_CHANGES
 * and SEASONAL_OFFSETS, over a key's {@link io.seqscore.model.core.features.EventHistory}. Allocation-free per event.
 */
package io.seqscore.model.core.features;
