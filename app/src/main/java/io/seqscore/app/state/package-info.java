/**
 * The per-key state kept in the scorer's store ({@link io.seqscore.app.state.KeyState}) and its versioned binary
 * form ({@link io.seqscore.app.state.KeyStateCodec}): format 4 is a sequence of parts, each one
 * {@code StatePart} class with its own id and version; formats 1 to 3 are still read.
 */
package io.seqscore.app.state;
