/** The per-key state kept in the scorer's store and its versioned binary form. */
package io.seqscore.app.state;
