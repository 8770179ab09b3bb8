/**
 * The wire contracts of seqscore, generated from {@code schemas/src/main/avro/*.avsc} by the
 * avro-maven-plugin (strings as {@link java.lang.String}, {@code timestamp-millis} as
 * {@link java.time.Instant}): {@link io.seqscore.avro.Event} (events topic),
 * {@link io.seqscore.avro.Score} (scores and anomalies topics), {@link io.seqscore.avro.ShadowScore}
 * (shadow-scores topic) and {@link io.seqscore.avro.ModelRelease} (models topic). Every field is
 * documented in the schema files; the released versions are kept under the module's test resources and
 * every current schema must read them (BACKWARD compatibility).
 */
package io.seqscore.avro;
