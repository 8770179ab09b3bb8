/**
 * {@code seqscore produce}: events from files (the trainer's CSV layouts, JSON lines) onto a topic, as seqscore's
 * Avro {@code Event} or as JSON. An {@link io.seqscore.app.produce.EventSource} per input kind, an
 * {@link io.seqscore.app.produce.EventEncoding} per output format, and {@link io.seqscore.app.produce.FileProducer}
 * joining them with pacing and progress.
 */
package io.seqscore.app.produce;
