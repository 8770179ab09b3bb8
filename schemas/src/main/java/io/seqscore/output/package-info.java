/**
 * Writers of seqscore's output records in formats other than the registry's Avro:
 * {@link io.seqscore.output.JsonRecordSerializer} writes a Score (or any Avro record) as a JSON object.
 */
package io.seqscore.output;
