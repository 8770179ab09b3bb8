/**
 * The rollout controller ({@code seqscore-trainer rollout watch}): reads the scores and shadow-scores
 * topics, gathers the evidence of a canary or shadow candidate and of the serving version over the same
 * event-time span ({@link ArmStats}), decides under {@link RolloutRules} ({@link DecisionRule}) and
 * publishes the decision as a release, with its consumer offsets, in one Kafka transaction
 * ({@link RolloutController}).
 */
package io.seqscore.trainer.rollout;
