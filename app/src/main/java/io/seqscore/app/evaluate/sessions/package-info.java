/**
 * {@code seqscore evaluate sessions}: a next-symbol model trained on normal sessions, released to a broker in
 * this process, and every session of the test files streamed through the scorer, one row of flags per session.
 */
package io.seqscore.app.evaluate.sessions;
