/**
 * Model releases: built from a trained model ({@link io.seqscore.trainer.release.ReleaseBuilder}),
 * signed with Ed25519 keys ({@link io.seqscore.trainer.release.SigningKeys}), written to and read from
 * files ({@link io.seqscore.trainer.release.ReleaseFiles}), published to and read from the models topic
 * ({@link io.seqscore.trainer.release.ModelsTopic}), decoded back into a network
 * ({@link io.seqscore.trainer.release.ReleaseNetwork}), republished as rollbacks
 * ({@link io.seqscore.trainer.release.RollbackRelease}) and described for people
 * ({@link io.seqscore.trainer.release.ReleaseDescription}).
 */
package io.seqscore.trainer.release;
