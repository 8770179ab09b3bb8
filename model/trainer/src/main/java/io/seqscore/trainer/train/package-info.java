/**
 * The training loop on model/core's {@link io.seqscore.model.core.train.TrainingStep}: seeded
 * initialization and shuffling, minibatches of windows with burn-in, learning-rate schedules, gradient
 * clipping, data-parallel steps with a deterministic reduction, early stopping on validation loss, and
 * progress reporting. The whole job (train, evaluate, calibrate) is {@link io.seqscore.trainer.train.TrainingJob}.
 */
package io.seqscore.trainer.train;
