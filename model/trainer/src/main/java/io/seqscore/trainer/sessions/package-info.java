/**
 * Categorical event sequences: sessions of symbols (log keys, workflow steps) read from a sessions file,
 * the next-symbol model trained on them (embedding, recurrent layers, softmax head, cross-entropy) and its
 * calibration of g (top-g rank) and of the score threshold on held-out normal sessions.
 */
package io.seqscore.trainer.sessions;
