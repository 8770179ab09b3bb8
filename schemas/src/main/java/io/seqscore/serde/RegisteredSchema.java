package io.seqscore.serde;

import org.apache.avro.Schema;

/** One version of a subject: its global schema id, its version number within the subject, and the schema. */
public record RegisteredSchema(String subject, int id, int version, Schema schema) {
}
