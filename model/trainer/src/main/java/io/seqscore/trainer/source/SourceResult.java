package io.seqscore.trainer.source;

/** What a source read: the history, a description of the source for provenance, and the bad inputs skipped. */
public record SourceResult(History history, String description, long skipped) {
}
