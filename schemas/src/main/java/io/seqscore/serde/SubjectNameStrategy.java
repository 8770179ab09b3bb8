package io.seqscore.serde;

import org.apache.avro.Schema;

/**
 * Names the registry subject a topic's key or value schema is registered under, as Confluent's
 * {@code key.subject.name.strategy} / {@code value.subject.name.strategy} do.
 */
@FunctionalInterface
public interface SubjectNameStrategy {

    /** The subject for a key ({@code isKey}) or value of {@code topic} written with the record schema {@code schema}. */
    String subjectName(String topic, boolean isKey, Schema schema);
}
