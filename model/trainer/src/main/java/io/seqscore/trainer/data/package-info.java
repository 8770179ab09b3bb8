/**
 * From history to a training set, the way the scorer sees the stream: per-key series in time order
 * without duplicates, segments cut at long gaps (where the scorer resets a key's state), a time-based
 * train/validation split per key, z-score normalization fitted on the training part only (global or
 * per key), and the training windows of every feature kind ({@link io.seqscore.trainer.data.SeriesWindows}:
 * runs of rows encoded by the kind's transform, windows with a burn-in prefix placed by a
 * {@link io.seqscore.trainer.data.WindowPlacement}).
 */
package io.seqscore.trainer.data;
