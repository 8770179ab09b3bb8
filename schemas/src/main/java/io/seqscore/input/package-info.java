/**
 * Reading the records of users' topics as events, shared by the scorer and the trainer.
 *
 * <p>An {@link io.seqscore.input.InputFormat} (named by {@link io.seqscore.input.InputFormats}:
 * {@code event}, {@code json}, {@code avro}) makes {@link io.seqscore.input.EventDecoder}s, one per
 * thread, that turn a record's key, value bytes, headers and timestamp into a reused
 * {@link io.seqscore.input.DecodedEvent}: series id, event time, values, attributes. The {@code json}
 * and {@code avro} formats find these by an {@link io.seqscore.input.InputMapping} of dotted
 * {@link io.seqscore.input.FieldPath}s and a {@link io.seqscore.input.TimeFormat}. Bytes that do not
 * decode throw Kafka's {@code SerializationException}; a record that decodes but does not map throws
 * {@link io.seqscore.input.InputMappingException} with its {@link io.seqscore.input.MappingProblem}.
 */
package io.seqscore.input;
