/**
 * The training loop on model/core's {@link io.seqscore.model.core.train.TrainingStep}: seeded
 * initialization and shuffling, minibatches of windows with burn-in, learning-rate schedules, gradient
 * clipping, data-parallel steps with a deterministic reduction, early stopping on validation loss, and
 * progress reporting. The whole job (train, evaluate, calibrate) is {@link io.seqscore.trainer.train.TrainingJob}, one
 * path for every feature kind; its settings are {@link io.seqscore.trainer.train.TrainConfig} and
 * {@link io.seqscore.trainer.train.JobSettings}, built by name.
 */
package io.seqscore.trainer.train;
